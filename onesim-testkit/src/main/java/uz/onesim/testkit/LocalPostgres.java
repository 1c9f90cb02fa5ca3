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

  private volatile EmbeddedPostgres postgres;
  private final boolean durable;
  private final Duration startupTime;
  private final AtomicInteger databases = new AtomicInteger();
  private final java.nio.file.Path dataDirectory;
  private final String templateKey;
  private boolean templatesReady;

  private LocalPostgres(EmbeddedPostgres postgres, Duration startupTime, java.nio.file.Path dataDirectory, String templateKey,
      boolean templatesFromCache, boolean durable) {
    this.postgres = postgres;
    this.durable = durable;
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

  /**
   * Starts a server of your own; close it when done. It runs with {@code fsync}, {@code
   * synchronous_commit} and {@code full_page_writes} off: fast, and honest as long as the server is
   * not killed (a crash loses commits the caller was told succeeded). Crash tests use
   * {@link #startDurable()}.
   */
  public static LocalPostgres start() {
    return start(false);
  }

  /**
   * Starts a server of your own that keeps every commit it acknowledged, as production does
   * ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on): for tests that
   * {@link #crash()} and {@link #restart()} it. Close it when done.
   */
  public static LocalPostgres startDurable() {
    return start(true);
  }

  private static LocalPostgres start(boolean durable) {
    long t0 = System.nanoTime();
    String key = TemplateCache.key(LocalPostgres.class, "supabase-env.sql", "baseline.sql", "sample-data.sql");
    java.util.Optional<java.nio.file.Path> cached = TemplateCache.copyOfPublished(key);
    java.nio.file.Path data = cached.orElseGet(TemplateCache::newRunDirectory);
    try {
      EmbeddedPostgres pg = builder(data, durable).start();
      LocalPostgres server = new LocalPostgres(pg, Duration.ofNanos(System.nanoTime() - t0), data, key, cached.isPresent(), durable);
      TestkitLog.progress(log, "embedded PostgreSQL on port {} started in {} ms", pg.getPort(), server.startupTime.toMillis());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  private static EmbeddedPostgres.Builder builder(java.nio.file.Path data, boolean durable) {
    String sync = durable ? "on" : "off";
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)       // starts on the cached templates when there is a copy; deleted on close
        .setServerConfig("max_connections", "300")
        .setServerConfig("fsync", sync)
        .setServerConfig("synchronous_commit", sync)
        .setServerConfig("full_page_writes", sync)
        .setServerConfig("autovacuum", "off");   // nothing writes behind a test's back (or the template copy's)
  }

  /** Whether this server keeps every acknowledged commit across a {@link #crash()}. */
  public boolean durable() {
    return durable;
  }

  /**
   * Kills the server the way a power cut or the OOM killer would: {@code SIGKILL} to the postmaster,
   * no checkpoint, no clean shutdown. Every connection breaks. {@link #restart()} recovers from the
   * write-ahead log. Only a {@link #startDurable() durable} server keeps what it acknowledged.
   */
  public synchronized void crash() {
    long pid = postmasterPid();
    if (pid < 0) {
      throw new IllegalStateException("no postmaster.pid: is the server running?");
    }
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
    java.util.List<ProcessHandle> backends = postmaster.children().toList();
    postmaster.destroyForcibly();
    backends.forEach(ProcessHandle::destroyForcibly);
    postmaster.onExit().join();
    backends.forEach(b -> b.onExit().join());
    TestkitLog.progress(log, "embedded PostgreSQL on port {} killed (pid {})", port(), pid);
  }

  /** Starts the server again on the same port and data directory (after {@link #crash()}); returns once it accepts connections. */
  public synchronized void restart() {
    int port = port();
    try {
      postgres.close();   // the dead instance: releases its hold on the data directory (its stop fails quietly)
    } catch (IOException | RuntimeException alreadyDead) {
      log.debug("stopping the killed server: {}", alreadyDead.toString());
    }
    try {
      java.nio.file.Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
      postgres = builder(dataDirectory, durable).setPort(port).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not restart embedded PostgreSQL", e);
    }
    TestkitLog.progress(log, "embedded PostgreSQL on port {} restarted", port);
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
    if (durable) {
      // A sequence copied from the template keeps the values it had pre-logged there (up to 32), with
      // no WAL record in the copy: a crash would hand them out again. After a checkpoint the first
      // nextval of every sequence writes its own record, as in a database that was never copied.
      exec(adminDatabase(), "checkpoint");
    }
    return new LocalDatabase(port(), name);
  }

  private static void exec(LocalDatabase db, String sql) {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /**
   * Stops the server and deletes its data directory. At JVM exit the embedded server's own shutdown
   * hook may be stopping it at the same moment (then our stop returns at once): the directory is
   * deleted only once the postmaster has exited, else its stop fails and it is left running.
   */
  @Override
  public void close() {
    long pid = postmasterPid();
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly", e);
    }
    if (pid > 0) {
      // only this server's postmaster (a killed one's pid may belong to another process by now)
      String dir = dataDirectory.toString();
      ProcessHandle.of(pid).filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
          .ifPresent(LocalPostgres::awaitExit);
    }
    TemplateCache.delete(dataDirectory);
  }

  /** The running postmaster's pid from its {@code postmaster.pid}, or -1. */
  private long postmasterPid() {
    try {
      return Long.parseLong(java.nio.file.Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException notRunning) {
      return -1;
    }
  }

  /** Waits for a stopping postmaster; asks a fast shutdown (SIGINT is not available: SIGTERM, then SIGKILL) if it lingers. */
  private static void awaitExit(ProcessHandle postmaster) {
    try {
      postmaster.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      return;
    } catch (java.util.concurrent.TimeoutException lingering) {
      postmaster.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (java.util.concurrent.ExecutionException impossible) {
      return;
    }
    try {
      postmaster.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException stuck) {
      postmaster.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException impossible) {
      // onExit never fails
    }
  }
}
