package uz.onesim.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import uz.onesim.backend.CatalogSync;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.SimPackage;

/** The backend syncs the provider's catalogue (~2 000 packages) into the retail catalogue, then again with nothing changed. */
public final class CatalogSyncExample {
  private CatalogSyncExample() {}

  public static void main(String[] args) {
    List<SimPackage> catalog = new ArrayList<>(SampleData.simulatorCatalog());
    catalog.addAll(SimPackage.generated(2026));
    try (EmbeddedDefault env = EmbeddedDefault.start(catalog, Duration.ZERO)) {
      run(env, System.out);
    }
  }

  static void run(EmbeddedDefault env, PrintStream out) {
    CatalogSync sync = env.backend.catalogSync((step, done, total) -> out.printf("  %s %d/%d%n", step, done, total));
    CatalogSync.Report first = sync.run();
    out.printf("First run: %d packages, %d new, %d updated, %d retired%n", first.seen(), first.created(), first.updated(), first.deactivated());
    CatalogSync.Report second = sync.run();
    out.printf("Second run: %d changed%n", second.created() + second.updated() + second.deactivated() + second.priceChanges());
  }
}
