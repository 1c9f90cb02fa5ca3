package uz.onesim.examples;

import java.time.Duration;
import java.util.List;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.client.OneSim;
import uz.onesim.backend.FulfilmentWorker;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.SimPackage;

/**
 * What the examples run on when no credentials are set: an embedded PostgreSQL of their own, a
 * local Supabase with the sample data, the eSIM Access simulator, a {@link OneSim} for users and a
 * {@link OneSimBackend} for OneSIM's servers wired to them. Closing it stops everything it started
 * ({@link #onSharedStack} borrows the JVM's shared local Supabase instead, reset to the sample
 * data, and leaves it running: what tests use).
 */
public final class EmbeddedDefault implements AutoCloseable {
  private final LocalPostgres postgres;   // null when on the shared stack
  private final boolean ownsSupabase;
  public final LocalSupabase supabase;
  public final EsimAccessSimulator sim;
  public final EsimAccessClient esim;
  public final OneSim onesim;
  public final OneSimBackend backend;

  private EmbeddedDefault(List<SimPackage> catalog, Duration allocationDelay, boolean shared) {
    postgres = shared ? null : LocalPostgres.start();
    supabase = shared ? uz.onesim.testkit.LocalSupabaseExtension.freshShared() : LocalSupabase.start(postgres, true);
    ownsSupabase = !shared;
    sim = EsimAccessSimulator.builder().catalog(catalog).balanceUsd("5000").allocationDelay(allocationDelay).build();
    esim = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey())
        .clock(sim.clock()).sleeper(d -> sim.clock().advance(d)).build();
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
  }

  /** The sample catalogue; the provider allocates at once. */
  public static EmbeddedDefault start() {
    return new EmbeddedDefault(SampleData.simulatorCatalog(), Duration.ZERO, false);
  }

  /** A catalogue of your own and the provider's allocation delay, on a server of its own. */
  public static EmbeddedDefault start(List<SimPackage> catalog, Duration allocationDelay) {
    return new EmbeddedDefault(catalog, allocationDelay, false);
  }

  /** The same parts on the JVM's shared local Supabase (reset to the sample data now), for tests. */
  public static EmbeddedDefault onSharedStack(List<SimPackage> catalog, Duration allocationDelay) {
    return new EmbeddedDefault(catalog, allocationDelay, true);
  }

  /** A session as {@code user} (a sample id). */
  public OneSim.UserSession as(java.util.UUID user) {
    return onesim.asUser(supabase.userJwt(user));
  }

  /** A backend fulfiller that waits for allocation by polling. */
  public FulfilmentWorker pollingFulfiller() {
    return backend.fulfilmentWorker("example", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(30)));
  }

  @Override
  public void close() {
    sim.close();
    if (ownsSupabase) {
      supabase.close();
      postgres.close();
    }
  }
}
