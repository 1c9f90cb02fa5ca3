package uz.onesim.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import uz.onesim.backend.FulfilmentReport;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.FulfilmentWorker;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/**
 * Fulfilment at the provider's rate limit: N paid orders (default 10 000), the simulator refusing
 * more than 8 requests per second, fulfillers (default 2) sharing one provider client paced at 8/s. Prints
 * allocated eSIMs per second against the bound the provider sets: 8 calls/s spread over the calls
 * one batch of 30 needs (one esim/order plus the esim/query that collects its profiles).
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.FulfilmentAtProviderLimitBenchmark [-Dexec.args="10000 2"]</pre>
 */
public final class FulfilmentAtProviderLimitBenchmark {
  private FulfilmentAtProviderLimitBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int workerCount = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try (LocalSupabase supabase = LocalSupabase.start();
         EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("10000000")
             .rateLimit(8, true).build()) {
      PaidOrders.seed(supabase, n);
      EsimAccessClient esim = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey())
          .requestsPerSecond(8).build();
      OneSimBackend backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
      FulfilmentWorker.Options options = FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(30));
      System.out.printf("%d paid orders; provider limit 8 requests/s; 30 profiles per provider order; %d fulfillers, one client%n",
          n, workerCount);

      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(workerCount);
      List<Future<Integer>> workers = new ArrayList<>();
      for (int w = 1; w <= workerCount; w++) {
        FulfilmentWorker f = backend.fulfilmentWorker("bench-" + w, options);
        workers.add(pool.submit(() -> {
          int allocated = 0;
          for (FulfilmentReport r = f.runOnce(); r.claimed() > 0; r = f.runOnce()) {
            allocated += r.allocated();
          }
          return allocated;
        }));
      }
      int allocated = 0;
      for (Future<Integer> w : workers) {
        allocated += w.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - t0) / 1e9;

      long orders = sim.count("esim/order");
      long queries = sim.count("esim/query");
      long refused = sim.calls().stream().filter(c -> !c.processed()).count();
      double callsPerBatch = (double) (orders + queries) / orders;
      double bound = 8.0 * EsimAccessClient.MAX_PROFILES_PER_ORDER / callsPerBatch;
      double rate = allocated / seconds;
      long inDb = ((Number) supabase.database().value(Identity.superuser(),
          "select count(distinct esim_tran_no) from orders where order_status = 'ALLOCATED'")).longValue();
      System.out.printf("allocated %d eSIMs (%d distinct in the database, %d profiles at the provider) in %.1f s: %.1f eSIMs/s%n",
          allocated, inDb, sim.profileCount(), seconds, rate);
      System.out.printf("provider calls: %d esim/order + %d esim/query = %.2f per batch of 30; %d refused by the rate limit%n",
          orders, queries, callsPerBatch, refused);
      System.out.printf("provider-bound limit: 8 calls/s x 30 / %.2f = %.1f eSIMs/s -> measured/bound = %.0f %%%n",
          callsPerBatch, bound, 100 * rate / bound);
    }
  }
}
