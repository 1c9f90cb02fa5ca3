package uz.onesim.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import uz.onesim.backend.CatalogSync;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.SimPackage;

/**
 * Catalogue sync of 2 033 packages from the simulator into LocalSupabase: requests and time of a
 * first run, a run with nothing changed, and a run with 5 % of prices changed.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.CatalogSyncBenchmark</pre>
 */
public final class CatalogSyncBenchmark {
  private CatalogSyncBenchmark() {}

  public static void main(String[] args) {
    List<SimPackage> catalog = new ArrayList<>(SampleData.simulatorCatalog());
    catalog.addAll(SimPackage.generated(2026));
    try (LocalSupabase supabase = LocalSupabase.start();
         EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(catalog).build()) {
      AtomicInteger requests = new AtomicInteger();
      PostgrestClient service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.serviceRoleKey())
          .listener(PostgrestListener.counting(requests)).build();
      EsimAccessClient esim = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey()).build();
      CatalogSync sync = new CatalogSync(service, esim, CatalogSync.Listener.NONE);
      run("first run", sync, requests, sim);
      run("nothing changed", sync, requests, sim);
      for (int i = 0; i < 100; i++) {
        SimPackage p = catalog.get(20 + i * 19);
        sim.setPrice(p.packageCode(), p.price() + 1_000);
      }
      run("100 prices changed", sync, requests, sim);
    }
  }

  private static void run(String label, CatalogSync sync, AtomicInteger requests, EsimAccessSimulator sim) {
    requests.set(0);
    long providerCalls = sim.count("package/list");
    long t0 = System.nanoTime();
    CatalogSync.Report r = sync.run();
    double ms = (System.nanoTime() - t0) / 1e6;
    System.out.printf("%-20s %5d packages: %3d database requests + %d provider call, %7.1f ms (created %d, updated %d, price changes %d)%n",
        label, r.seen(), requests.get(), sim.count("package/list") - providerCalls, ms, r.created(), r.updated(), r.priceChanges());
  }
}
