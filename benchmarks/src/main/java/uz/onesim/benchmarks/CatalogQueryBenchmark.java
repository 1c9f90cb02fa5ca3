package uz.onesim.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import uz.onesim.backend.CatalogSync;
import uz.onesim.client.CatalogService;
import uz.onesim.client.OneSim;
import uz.onesim.client.PackageFilter;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.SimPackage;
import uz.onesim.testkit.Identity;

/**
 * Listing one country on the 2 033-package catalogue (synced from the simulator, so coverage and
 * networks are real rows): requests per listing, the time inside PostgreSQL (EXPLAIN ANALYZE of the
 * API function, and the plan of its query), the time over HTTP through PostgREST, and the same
 * listing from the SDK's TTL cache.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.CatalogQueryBenchmark</pre>
 */
public final class CatalogQueryBenchmark {
  private static final int CALLS = 200;

  private CatalogQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<SimPackage> catalog = new ArrayList<>(SampleData.simulatorCatalog());
    catalog.addAll(SimPackage.generated(2026));
    try (LocalSupabase supabase = LocalSupabase.start();
         EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(catalog).build()) {
      PostgrestClient service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.serviceRoleKey()).build();
      EsimAccessClient esim = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey()).build();
      CatalogSync.Report synced = new CatalogSync(service, esim, CatalogSync.Listener.NONE).run();
      try (var c = supabase.database().connect(); var st = c.createStatement()) {
        st.execute("vacuum analyze public.esim_packages");
      }
      long active = ((Number) supabase.database().value(Identity.superuser(), "select count(*) from esim_packages where is_active")).longValue();
      System.out.printf("Catalogue: %d packages synced, %d active%n", synced.seen(), active);

      String country = "TR";
      PackageFilter turkey = PackageFilter.country(country);
      AtomicInteger requests = new AtomicInteger();
      OneSim uncached = OneSim.builder().catalogCacheTtl(Duration.ZERO).postgrest(PostgrestClient.builder().supabaseUrl(supabase.url())
          .apiKey(supabase.anonKey()).listener(PostgrestListener.counting(requests)).build()).build();
      OneSim.UserSession partner = uncached.asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
      requests.set(0);
      List<CatalogService.Package> page = partner.catalog().packages(turkey, 1000, 0);
      System.out.printf("Packages that work in %s: %d (one page), %d request(s) for the whole listing with the partner's prices%n",
          country, page.size(), requests.get());

      String sql = "select * from public.catalog_packages(p_country => 'TR', p_limit => 1000)";
      String plan = supabase.database().inTransaction(Identity.user(SampleData.GRAND_TRAVEL_USER), c -> {
        StringBuilder sb = new StringBuilder();
        for (int run = 1; run <= 5; run++) {
          try (var st = c.createStatement(); var rs = st.executeQuery("explain (analyze, costs off, summary on) " + sql)) {
            while (rs.next()) {
              String line = rs.getString(1);
              if (line.contains("Execution Time")) {
                sb.append("  catalog_packages('TR') inside PostgreSQL, run ").append(run).append(": ").append(line.trim()).append('\n');
              }
            }
          }
        }
        String query = "explain (analyze, costs off, summary on) select p.package_code from public.esim_packages p "
            + "where p.is_active and p.package_type = 'BASE' and p.covered_countries @> array['TR'] order by p.final_price_usd, p.package_code";
        for (String mode : List.of("under the caller's RLS, as planned", "under RLS, index forced (set enable_seqscan = off)")) {
          if (mode.startsWith("index")) {
            try (var st = c.createStatement()) {
              st.execute("set local enable_seqscan = off");
            }
          }
          sb.append("  the function's query, ").append(mode).append(":\n");
          try (var st = c.createStatement(); var rs = st.executeQuery(query)) {
            while (rs.next()) {
              String line = rs.getString(1);
              if (!line.contains("Planning Time") && !line.contains("Filter:") && !line.contains("Rows Removed")) {
                sb.append("    ").append(line).append('\n');
              }
            }
          }
        }
        return sb.toString();
      });
      System.out.print(plan);
      String definerPlan = supabase.database().inTransaction(Identity.superuser(), c -> {
        StringBuilder sb = new StringBuilder("  the function's query as it runs inside the SECURITY DEFINER function (no RLS):\n");
        try (var st = c.createStatement(); var rs = st.executeQuery("explain (analyze, costs off, summary on) select p.package_code "
            + "from public.esim_packages p where p.is_active and p.package_type = 'BASE' and p.covered_countries @> array['TR'] "
            + "order by p.final_price_usd, p.package_code")) {
          while (rs.next()) {
            String line = rs.getString(1);
            if (!line.contains("Planning Time")) {
              sb.append("    ").append(line).append('\n');
            }
          }
        }
        return sb.toString();
      });
      System.out.print(definerPlan);

      long[] ns = new long[CALLS];
      for (int i = 0; i < 20; i++) {
        partner.catalog().packages(turkey, 1000, 0);
      }
      for (int i = 0; i < CALLS; i++) {
        long t0 = System.nanoTime();
        partner.catalog().packages(turkey, 1000, 0);
        ns[i] = System.nanoTime() - t0;
      }
      Arrays.sort(ns);
      System.out.printf("Over HTTP (SDK -> gateway -> PostgREST -> PostgreSQL, %d calls): median %.2f ms, p90 %.2f ms%n",
          CALLS, ns[CALLS / 2] / 1e6, ns[CALLS * 9 / 10] / 1e6);

      OneSim cached = OneSim.builder().postgrest(PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey())
          .listener(PostgrestListener.counting(requests)).build()).build();
      OneSim.UserSession cachedPartner = cached.asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
      requests.set(0);
      for (int i = 0; i < CALLS; i++) {
        long t0 = System.nanoTime();
        cachedPartner.catalog().packages(turkey, 1000, 0);
        ns[i] = System.nanoTime() - t0;
      }
      Arrays.sort(ns);
      System.out.printf("With the default 60 s TTL cache (%d calls): %d request(s); median %.1f us per listing%n",
          CALLS, requests.get(), ns[CALLS / 2] / 1e3);
    }
  }
}
