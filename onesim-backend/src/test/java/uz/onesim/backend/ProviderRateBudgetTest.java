package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;

/**
 * One rate budget for the whole provider account (issue 27): two backend instances, each pacing
 * itself, together exceed what the provider allows and are refused; sharing the database-kept
 * budget, they are never refused.
 *
 * <p>The budget here is 6 requests/s against the provider's 8. Two instances each pacing itself at
 * 6/s send 12/s and are refused (the control), so the test tells one budget from two; but it no
 * longer depends on how late a request arrives after taking its slot. At 8/s the margin absorbs
 * about 100 ms of such lateness, and a CI machine at load 7 once exceeded it (a refusal the client
 * retries in production, where {@code maxRetries} is not 0).
 */
@ExtendWith(LocalSupabaseExtension.class)
class ProviderRateBudgetTest {
  private static final int PER_INSTANCE = 8;

  static int refusedWhenTwoInstancesCall(EsimAccessSimulator sim, Function<Integer, EsimAccessClient> instance) throws Exception {
    AtomicInteger failures = new AtomicInteger();
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      EsimAccessClient client = instance.apply(i);
      runs.add(CompletableFuture.runAsync(() -> {
        for (int n = 0; n < PER_INSTANCE; n++) {
          try {
            client.balance();
          } catch (RuntimeException refused) {
            failures.incrementAndGet();
          }
        }
      }));
    }
    for (CompletableFuture<Void> r : runs) {
      r.get();
    }
    int refused = (int) sim.calls().stream().filter(c -> !c.processed()).count();
    assertThat(failures.get()).as("the callers saw the refusals").isEqualTo(refused);
    return refused;
  }

  @Test
  void twoInstancesSharingTheDatabaseBudgetStayUnderTheAccountsRate(LocalSupabase supabase) throws Exception {
    PostgrestClient service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.secretKey()).build();
    try (EsimAccessSimulator sim = EsimAccessSimulator.builder().rateLimit(8, true).build()) {
      java.util.List<ProviderRateBudget> budgets = new java.util.concurrent.CopyOnWriteArrayList<>();
      int refused = refusedWhenTwoInstancesCall(sim, i -> {
        ProviderRateBudget budget = ProviderRateBudget.shared(service, 6);
        budgets.add(budget);
        return EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode())
            .secretKey(sim.secretKey()).maxRetries(0).requestBudget(budget).build();
      });
      assertThat(refused).as("16 requests from two instances through one budget of 6/s").isZero();
      assertThat(sim.calls()).hasSize(2 * PER_INSTANCE);
      io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
      BackendMetrics.bind(registry, budgets.get(0));
      long waits = budgets.stream().mapToLong(ProviderRateBudget::waits).sum();
      assertThat(waits).as("16 requests in about 2.9 s at 5.5/s: most waited for their slot").isGreaterThanOrEqualTo(12);
      assertThat(registry.get("onesim.provider.rate.waits").functionCounter().count()).isEqualTo((double) budgets.get(0).waits());
      assertThat(budgets.get(0).waited()).isPositive();
    }
    try (EsimAccessSimulator sim = EsimAccessSimulator.builder().rateLimit(8, true).build()) {
      int refused = refusedWhenTwoInstancesCall(sim, i -> EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode())
          .secretKey(sim.secretKey()).maxRetries(0).requestsPerSecond(6).build());
      assertThat(refused).as("the control at the shared budget's rate: two instances alone at 6/s are 12/s").isPositive();
    }
  }
}
