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
 * itself at the documented 8 requests/s, together exceed what the provider allows and are refused;
 * sharing the database-kept budget, they are never refused.
 */
@ExtendWith(LocalSupabaseExtension.class)
class ProviderRateBudgetTest {

  static int refusedWhenTwoInstancesCall(EsimAccessSimulator sim, Function<Integer, EsimAccessClient> instance) throws Exception {
    AtomicInteger failures = new AtomicInteger();
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      EsimAccessClient client = instance.apply(i);
      runs.add(CompletableFuture.runAsync(() -> {
        for (int n = 0; n < 12; n++) {
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
        ProviderRateBudget budget = ProviderRateBudget.shared(service, 8);
        budgets.add(budget);
        return EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode())
            .secretKey(sim.secretKey()).maxRetries(0).requestBudget(budget).build();
      });
      assertThat(refused).as("24 requests from two instances through one budget").isZero();
      assertThat(sim.calls()).hasSize(24);
      io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
      BackendMetrics.bind(registry, budgets.get(0));
      long waits = budgets.stream().mapToLong(ProviderRateBudget::waits).sum();
      assertThat(waits).as("24 requests in about 3 s at 7.3/s: most waited for their slot").isGreaterThanOrEqualTo(16);
      assertThat(registry.get("onesim.provider.rate.waits").functionCounter().count()).isEqualTo((double) budgets.get(0).waits());
      assertThat(budgets.get(0).waited()).isPositive();
    }
    try (EsimAccessSimulator sim = EsimAccessSimulator.builder().rateLimit(8, true).build()) {
      int refused = refusedWhenTwoInstancesCall(sim, i -> EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode())
          .secretKey(sim.secretKey()).maxRetries(0).requestsPerSecond(8).build());
      assertThat(refused).as("the control: each instance alone at 8/s is 16/s for the account").isPositive();
    }
  }
}
