package uz.onesim.benchmarks;

import java.util.ArrayList;
import java.util.List;
import uz.onesim.backend.LifecycleOptions;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.UsageWorker;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.esimaccess.OrderLine;
import uz.onesim.esimaccess.PlacedOrder;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.SimProfile;

/**
 * The usage sweep over N live eSIMs (default 100 000): provider calls, database requests and wall
 * time against the bound the provider sets — 10 profiles per {@code esim/usage/query}, 8 requests
 * per second, so N / 10 / 8 seconds at best. Setup buys the eSIMs from the simulator with no rate
 * limit, then the limit is set to 8/s for the measured sweep.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.UsageWorkerBenchmark [-Dexec.args=100000]</pre>
 */
public final class UsageWorkerBenchmark {
  private UsageWorkerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    try (LocalSupabase supabase = LocalSupabase.start();
         EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("100000000")
             .rateLimit(0, true).build()) {
      long t0 = System.nanoTime();
      EsimAccessClient fast = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey())
          .requestsPerSecond(100_000).build();
      List<String> trans = new ArrayList<>(n);
      for (int i = 0; trans.size() < n; i++) {
        int count = Math.min(EsimAccessClient.MAX_PROFILES_PER_ORDER, n - trans.size());
        PlacedOrder o = fast.order("sweep-setup-" + i, List.of(new OrderLine(SampleData.TR_1GB, count, null, null)), null);
        fast.awaitProfiles(o.orderNo(), java.time.Duration.ofSeconds(30));
        sim.profiles(o.orderNo()).stream().map(SimProfile::esimTranNo).forEach(trans::add);
      }
      for (int i = 0; i < n; i += 7) {
        sim.use(trans.get(i), 1_073_741_824L * 85 / 100);   // every seventh eSIM has used 85 %: an alert each
      }
      for (int from = 0; from < n; from += 10_000) {
        StringBuilder values = new StringBuilder();
        for (String t : trans.subList(from, Math.min(n, from + 10_000))) {
          values.append(values.length() == 0 ? "" : ",").append("('").append(t).append("')");
        }
        supabase.database().executeScript("""
            insert into public.orders (user_id, source_type, package_code, price_usd, price_uzs, fx_rate_uzs, order_status,
                                       payment_status, esim_tran_no, customer_email, delivery_method)
            select '%s', 'b2c', 'TR_1GB_7D', 15.00, 189750, 12650, 'ALLOCATED', 'paid', v.t, 'sweep@example.com', 'manual'
            from (values %s) v(t);""".formatted(SampleData.CUSTOMER_USER, values));
      }
      try (var c = supabase.database().connect(); var st = c.createStatement()) {
        st.execute("vacuum analyze public.orders");
      }
      System.out.printf("setup: %d eSIMs bought and recorded in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

      sim.setRateLimit(8);
      EsimAccessClient paced = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey())
          .requestsPerSecond(8).build();
      OneSimBackend backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(paced).build();
      UsageWorker sweep = backend.usageWorker(LifecycleOptions.defaults());
      long callsBefore = sim.count("esim/usage/query");
      long t1 = System.nanoTime();
      int checked = 0;
      int providerCalls = 0;
      int databaseRequests = 0;
      for (UsageWorker.Report pass = sweep.runOnce(); pass.checked() > 0; pass = sweep.runOnce()) {
        checked += pass.checked();
        providerCalls += pass.providerCalls();
        databaseRequests += pass.databaseRequests();
      }
      double seconds = (System.nanoTime() - t1) / 1e9;
      long refused = sim.calls().stream().filter(c -> !c.processed()).count();
      double bound = n / 10.0 / 8.0;
      long alerts = ((Number) supabase.database().value(Identity.superuser(), "select count(*) from esim_alerts")).longValue();
      System.out.printf("sweep: %d eSIMs checked with %d provider calls (%d counted by the simulator, %d refused) and %d database requests%n",
          checked, providerCalls, sim.count("esim/usage/query") - callsBefore, refused, databaseRequests);
      System.out.printf("wall time %.1f s vs the provider bound %d / 10 per call / 8 per s = %.1f s -> bound/measured = %.0f %%; %d alerts raised%n",
          seconds, n, bound, 100 * bound / seconds, alerts);
    }
  }
}
