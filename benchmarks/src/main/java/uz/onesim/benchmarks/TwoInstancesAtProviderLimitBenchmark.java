package uz.onesim.benchmarks;

import java.time.Duration;
import java.util.List;
import uz.onesim.backend.FulfilmentWorker;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.ProviderRateBudget;
import uz.onesim.backend.WorkerPlan;
import uz.onesim.backend.WorkerScheduler;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/**
 * Two backend instances of one provider account, every worker scheduled on each (fulfilment,
 * reconcile, provider events, usage, notices, top-ups, webhooks, after-sale, expiry), sharing the
 * account's 8 requests/s through {@link ProviderRateBudget} (a slot in PostgreSQL, 10 % margin); the
 * simulator refuses anything beyond 8/s. Prints the account's request rate, the refusals, and
 * fulfilment against the bound the provider sets (8 calls/s over the calls a batch of 30 needs).
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.TwoInstancesAtProviderLimitBenchmark [-Dexec.args="3000"]</pre>
 */
public final class TwoInstancesAtProviderLimitBenchmark {
  private TwoInstancesAtProviderLimitBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
    try (LocalSupabase supabase = LocalSupabase.start();
         EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("10000000")
             .rateLimit(8, true).build()) {
      PaidOrders.seed(supabase, n);
      long alreadyAllocated = ((Number) supabase.database().value(Identity.superuser(),
          "select count(*) from orders where order_status = 'ALLOCATED'")).longValue();   // the sample data's
      WorkerScheduler[] instances = new WorkerScheduler[2];
      long t0 = System.nanoTime();
      for (int i = 0; i < 2; i++) {
        PostgrestClient service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.secretKey()).build();
        EsimAccessClient esim = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey())
            .requestBudget(ProviderRateBudget.shared(service, 8)).build();
        OneSimBackend backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
        instances[i] = backend.workers(WorkerPlan.defaults("bench-" + i, List.of())
            .withFulfilment(FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(30))));
      }
      System.out.printf("%d paid orders; provider limit 8 requests/s (account-wide, refused beyond); 2 instances, every worker "
          + "scheduled on each; one shared budget%n", n);
      String allocatedSql = "select count(*) - " + alreadyAllocated + " from orders where order_status = 'ALLOCATED'";
      long lastReport = System.nanoTime();
      while (((Number) supabase.database().value(Identity.superuser(), allocatedSql)).longValue() < n) {
        Thread.sleep(200);
        if (System.nanoTime() - lastReport > 10_000_000_000L) {
          lastReport = System.nanoTime();
          System.out.printf("  %.0f s: %s allocated; failures: %s%n", (lastReport - t0) / 1e9, supabase.database().value(Identity.superuser(),
              allocatedSql), instances[0].health().stream().filter(h -> h.failures() > 0)
                  .map(h -> h.name() + " failed " + h.failures() + "x: " + h.lastError()).toList());
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      for (WorkerScheduler s : instances) {
        s.close();
      }
      long calls = sim.calls().size();
      long refused = sim.calls().stream().filter(c -> !c.processed()).count();
      long orders = sim.count("esim/order");
      long queries = sim.count("esim/query");
      double callsPerBatch = (double) (orders + queries) / orders;
      double bound = 8.0 * EsimAccessClient.MAX_PROFILES_PER_ORDER / callsPerBatch;
      double rate = n / seconds;
      System.out.printf("allocated %d in %.1f s: %.1f eSIMs/s; %d provider requests (%.2f/s account-wide), %d refused by the limit%n",
          n, seconds, rate, calls, calls / seconds, refused);
      System.out.printf("fulfilment: %d esim/order + %d esim/query = %.2f calls per batch; bound 8 x 30 / %.2f = %.1f eSIMs/s -> "
          + "measured/bound = %.0f %%%n", orders, queries, callsPerBatch, callsPerBatch, bound, 100 * rate / bound);
    }
  }
}
