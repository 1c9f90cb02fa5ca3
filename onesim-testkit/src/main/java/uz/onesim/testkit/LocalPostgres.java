package uz.onesim.testkit;

import uz.onesim.testkit.internal.TemplateCache;
import uz.onesim.testkit.internal.TestkitLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL 17 server (zonky binaries from Maven Central) with the OneSIM schema.
 *
 * <p>On first use it builds two template databases: {@code onesim_env} (the Supabase-like roles
 * and {@code auth} schema of {@code supabase-env.sql}) and {@code onesim_template} (that plus every
 * migration). {@link #freshDatabase} then clones the migrated template in a few milliseconds, so
 * each test class gets its own database without paying for migrations again.
 *
 * <pre>{@code
 * LocalDatabase db = LocalPostgres.shared().freshDatabase(true);   // migrated, with sample data
 * db.query(Identity.user(SampleData.GRAND_TRAVEL_USER), "select * from partners");
 * }</pre>
 *
 * Thread-safe. {@link #shared()} lives for the JVM and stops with it.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
  private static final String ENV_TEMPLATE = "onesim_env";
  private static final String MIGRATED_TEMPLATE = "onesim_template";
  private static final String SAMPLE_TEMPLATE = "onesim_sample_template";
  private static LocalPostgres shared;

  private final EmbeddedPostgres postgres;
  private final Duration startupTime;
  private final AtomicInteger databases = new AtomicInteger();
  private final java.nio.file.Path dataDirectory;
  private final String templateKey;
  private boolean templatesReady;

  private LocalPostgres(EmbeddedPostgres postgres, Duration startupTime, java.nio.file.Path dataDirectory, String templateKey,
      boolean templatesFromCache) {
    this.postgres = postgres;
    this.startupTime = startupTime;
    this.dataDirectory = dataDirectory;
    this.templateKey = templateKey;
    this.templatesReady = templatesFromCache;
  }

  /** The JVM-wide server, started on first call and stopped by a shutdown hook. */
  public static synchronized LocalPostgres shared() {
    if (shared == null) {
      LocalPostgres started = start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "onesim-local-postgres-stop"));
      shared = started;
    }
    return shared;
  }

  /** Starts a server of your own; close it when done. */
  public static LocalPostgres start() {
    long t0 = System.nanoTime();
    String key = TemplateCache.key(LocalPostgres.class, "supabase-env.sql", "baseline.sql", "sample-data.sql");
    java.util.Optional<java.nio.file.Path> cached = TemplateCache.copyOfPublished(key);
    java.nio.file.Path data = cached.orElseGet(TemplateCache::newRunDirectory);
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(data)
          .setCleanDataDirectory(false)       // starts on the cached templates when there is a copy; deleted on close
          .setServerConfig("max_connections", "300")
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("autovacuum", "off")   // nothing writes behind a test's back (or the template copy's)
          .start();
      LocalPostgres server = new LocalPostgres(pg, Duration.ofNanos(System.nanoTime() - t0), data, key, cached.isPresent());
      TestkitLog.progress(log, "embedded PostgreSQL on port {} started in {} ms", pg.getPort(), server.startupTime.toMillis());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  /** The port PostgreSQL listens on (127.0.0.1). */
  public int port() {
    return postgres.getPort();
  }

  /** How long the server took to start (not counting templates). */
  public Duration startupTime() {
    return startupTime;
  }

  /** A new database with every migration applied, optionally with {@link SampleData}. */
  public LocalDatabase freshDatabase(boolean sampleData) {
    ensureTemplates();
    return createFrom(sampleData ? SAMPLE_TEMPLATE : MIGRATED_TEMPLATE);
  }

  /** A new migrated database without sample data. */
  public LocalDatabase freshDatabase() {
    return freshDatabase(false);
  }

  /** A new database with only the Supabase-like environment: no OneSIM tables yet. */
  public LocalDatabase emptyDatabase() {
    ensureTemplates();
    return createFrom(ENV_TEMPLATE);
  }

  /** The server's maintenance database, as the owner. */
  public LocalDatabase adminDatabase() {
    return new LocalDatabase(port(), "postgres");
  }

  private synchronized void ensureTemplates() {
    if (templatesReady) {
      return;
    }
    long t0 = System.nanoTime();
    LocalDatabase admin = adminDatabase();
    for (String leftover : new String[] {SAMPLE_TEMPLATE, MIGRATED_TEMPLATE, ENV_TEMPLATE}) {   // an earlier attempt that failed midway
      exec(admin, "drop database if exists " + leftover + " with (force)");
    }
    exec(admin, "create database " + ENV_TEMPLATE);
    LocalDatabase env = new LocalDatabase(port(), ENV_TEMPLATE);
    env.executeScript(LocalDatabase.resource("supabase-env.sql"));
    env.closeConnections();  // a template must have no session open when it is copied
    exec(admin, "create database " + MIGRATED_TEMPLATE + " template " + ENV_TEMPLATE);
    LocalDatabase migrated = new LocalDatabase(port(), MIGRATED_TEMPLATE);
    migrated.migrate();
    // local development: partner webhooks may post to 127.0.0.1 (production never allows it; V27)
    migrated.executeScript("update private.webhook_settings set allow_local_targets = true");
    migrated.markBaseline();
    migrated.closeConnections();
    exec(admin, "create database " + SAMPLE_TEMPLATE + " template " + MIGRATED_TEMPLATE);
    LocalDatabase sample = new LocalDatabase(port(), SAMPLE_TEMPLATE);
    sample.loadSampleData();
    sample.markBaseline();
    sample.closeConnections();
    templatesReady = true;
    exec(admin, "checkpoint");
    TemplateCache.publish(templateKey, dataDirectory);   // the next test JVM starts on these templates
    TestkitLog.progress(log, "OneSIM template databases built in {} ms", Duration.ofNanos(System.nanoTime() - t0).toMillis());
  }

  private LocalDatabase createFrom(String template) {
    String name = "onesim_" + databases.incrementAndGet();
    exec(adminDatabase(), "create database " + name + " template " + template);
    return new LocalDatabase(port(), name);
  }

  private static void exec(LocalDatabase db, String sql) {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /** Stops the server and deletes its data directory. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly", e);
    }
    TemplateCache.delete(dataDirectory);
  }
}
