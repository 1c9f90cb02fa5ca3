package uz.onesim.testkit.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running PostgREST, configured like Supabase's: schema {@code public}, anon role {@code anon},
 * login as {@code authenticator}, HS256 secret, max rows 1000. Started and health-checked (admin
 * {@code /ready}) before {@link #start} returns; destroyed if it never gets ready.
 */
public final class PostgrestProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private PostgrestProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static PostgrestProcess start(Path binary, int pgPort, String database, String jwtSecret, Duration readyWithin) {
    return start(binary, pgPort, database, jwtSecret, readyWithin, Ports.free());
  }

  /** Starts PostgREST on {@code port} (e.g. the port a stopped instance used, so the gateway finds it again). */
  public static PostgrestProcess start(Path binary, int pgPort, String database, String jwtSecret, Duration readyWithin, int port) {
    int adminPort = Ports.free();
    Path log;
    try {
      log = Files.createTempFile("onesim-postgrest-", ".log");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a PostgREST log file", e);
    }
    ProcessBuilder pb = new ProcessBuilder(binary.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PGRST_") || k.startsWith("PG"));
    env.put("PGRST_DB_URI", "postgres://authenticator@127.0.0.1:" + pgPort + "/" + database);
    env.put("PGRST_DB_SCHEMAS", "public");
    env.put("PGRST_DB_ANON_ROLE", "anon");
    env.put("PGRST_JWT_SECRET", jwtSecret);
    env.put("PGRST_DB_MAX_ROWS", "1000");
    env.put("PGRST_DB_POOL", "10");
    env.put("PGRST_SERVER_HOST", "127.0.0.1");
    env.put("PGRST_SERVER_PORT", String.valueOf(port));
    env.put("PGRST_ADMIN_SERVER_PORT", String.valueOf(adminPort));
    env.put("PGRST_LOG_LEVEL", "error");
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + binary + ": " + e.getMessage(), e);
    }
    PostgrestProcess started = new PostgrestProcess(process, port, log);
    try {
      started.awaitReady(adminPort, readyWithin);
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  private void awaitReady(int adminPort, Duration within) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("PostgREST exited with code " + process.exitValue() + ": " + logTail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for PostgREST", e);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for PostgREST", e);
      }
    }
    throw new IllegalStateException("PostgREST was not ready within " + within.toMillis() + " ms: " + logTail());
  }

  public int port() {
    return port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** The last lines PostgREST printed. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a leftover temp file is harmless
    }
  }
}
