package uz.onesim.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import uz.onesim.backend.BackendHealth;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.ProviderEventReceiver;
import uz.onesim.backend.WorkerHealth;
import uz.onesim.backend.WorkerPlan;
import uz.onesim.backend.WorkerScheduler;
import uz.onesim.testkit.SampleData;

/**
 * OneSIM's server in plain Java (no framework): every worker on its schedule, the provider's events
 * at {@code POST /webhooks/esimaccess} (stored before they are answered), {@code GET /health} (503
 * when a part is down) and {@code GET /workers} (each worker's passes, failures and last success).
 * With no credentials it runs on the embedded default until Ctrl-C; closing it stops the workers
 * (running passes finish) and the HTTP server, and leaves no thread behind. On Spring Boot, the
 * starter does all of this (docs/operations.md).
 *
 * <pre>./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass=uz.onesim.examples.BackendServer</pre>
 */
public final class BackendServer implements AutoCloseable {
  private final HttpServer http;
  private final WorkerScheduler workers;

  private BackendServer(OneSimBackend backend, WorkerPlan plan, ProviderEventReceiver events) throws IOException {
    this.workers = backend.workers(plan);
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    http.createContext("/webhooks/esimaccess", exchange -> {
      ProviderEventReceiver.Receipt r = events.receive(exchange.getRequestBody().readAllBytes(),
          exchange.getRemoteAddress().getAddress().getHostAddress());
      answer(exchange, r.httpStatus(), r.stored() ? "stored" : String.valueOf(r.reason()));
    });
    http.createContext("/health", exchange -> {
      BackendHealth h = backend.health(workers, BackendHealth.Thresholds.defaults());
      StringBuilder body = new StringBuilder(h.status().name()).append('\n');
      h.components().forEach(c -> body.append(c.name()).append(' ').append(c.status()).append(' ').append(c.detail()).append('\n'));
      answer(exchange, h.status() == BackendHealth.Status.DOWN ? 503 : 200, body.toString());
    });
    http.createContext("/workers", exchange -> {
      StringBuilder body = new StringBuilder();
      for (WorkerHealth w : workers.health()) {
        body.append(w.name()).append(" passes=").append(w.passes()).append(" failures=").append(w.failures())
            .append(" lastSuccess=").append(w.lastSuccess()).append('\n');
      }
      answer(exchange, 200, body.toString());
    });
    http.start();
  }

  /** Starts the workers and the HTTP endpoints of {@code backend} (production: {@code OneSimBackend.fromEnv()}). */
  public static BackendServer start(OneSimBackend backend, WorkerPlan plan, ProviderEventReceiver events) throws IOException {
    return new BackendServer(backend, plan, events);
  }

  /** The HTTP port (127.0.0.1). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Stops taking requests, then the workers (each running pass finishes within the plan's deadline). */
  @Override
  public void close() {
    http.stop(1);
    workers.close();
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  public static void main(String[] args) throws Exception {
    run(System.out, new CountDownLatch(1));
  }

  static void run(PrintStream out, CountDownLatch stop) throws Exception {
    try (EmbeddedDefault env = EmbeddedDefault.start(SampleData.simulatorCatalog(), Duration.ofSeconds(2));
         BackendServer server = start(env.backend, WorkerPlan.defaults("example-server", List.of()),
             env.backend.providerEventReceiverFromAnySender())) {
      out.printf("OneSIM backend on http://127.0.0.1:%d (POST /webhooks/esimaccess, GET /health, GET /workers); Ctrl-C stops it%n",
          server.port());
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
  }
}
