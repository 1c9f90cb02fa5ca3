package uz.onesim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uz.onesim.backend.WorkerPlan;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.SampleData;

/**
 * The plain-Java server example runs every worker on its schedule: paid orders are allocated with no
 * webhook registered and no manual call, its health and worker endpoints answer, a provider event
 * posted to it is stored, and closing it leaves no worker thread.
 */
class BackendServerTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static long workerThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("onesim-worker-")).count();
  }

  @Test
  void theServerAllocatesWithoutWebhooksReportsHealthTakesEventsAndStopsCleanly() throws Exception {
    try (EmbeddedDefault env = EmbeddedDefault.onSharedStack(SampleData.simulatorCatalog(), Duration.ZERO)) {
      env.supabase.database().update(Identity.superuser(), "insert into orders (user_id, source_type, package_code, payment_status) "
          + "select ?, 'b2c', ?, 'paid' from generate_series(1, 3)", SampleData.CUSTOMER_USER, SampleData.TR_1GB);
      String base;
      try (BackendServer server = BackendServer.start(env.backend,
          WorkerPlan.defaults("example-test", List.of()).withIntervalUnit(Duration.ofMillis(20)), env.backend.providerEventReceiverFromAnySender())) {
        base = "http://127.0.0.1:" + server.port();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (((Number) env.supabase.database().value(Identity.superuser(), "select count(*) from orders where payment_status = 'paid' "
            + "and order_status = 'ALLOCATED' and user_id = ? and created_at > now() - interval '1 minute'", SampleData.CUSTOMER_USER))
            .longValue() < 3) {
          assertThat(System.nanoTime()).as("the scheduled workers allocate with no webhook and no manual call").isLessThan(deadline);
          Thread.sleep(50);
        }
        HttpResponse<String> health = get(base + "/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).startsWith("UP").contains("database UP schema version", "worker:fulfilment UP");
        assertThat(get(base + "/workers").body()).contains("fulfilment passes=", "reconcile passes=");
        String event = "{\"notifyType\":\"DATA_USAGE\",\"notifyId\":\"example-1\",\"content\":{\"esimTranNo\":\"nope\"}}";
        HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/esimaccess"))
            .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(env.supabase.database().value(Identity.superuser(), "select count(*) from provider_events where notify_id = 'example-1'"))
            .isEqualTo(1L);
        assertThat(workerThreads()).isPositive();
      }
      assertThat(workerThreads()).as("closed: no worker thread left").isZero();
    }
  }
}
