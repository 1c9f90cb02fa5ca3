package uz.onesim.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.client.OneSim;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/**
 * The starter in a real application on a real port, against LocalSupabase and the simulator: a paid
 * order is allocated by the scheduled workers with no webhook and no manual call, {@code
 * /actuator/health} reports OneSIM's parts, a provider event posted over HTTP is stored and applied,
 * the metrics are on the application's registry, and closing the context leaves no worker thread.
 */
class OneSimStarterTest {
  static final LocalSupabase supabase = LocalSupabaseExtension.freshShared();
  static final EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("100000").build();
  static final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stop() {
    sim.close();
  }

  static ConfigurableApplicationContext start() {
    return new SpringApplication(StarterTestApplication.class).run(
        "--server.port=0",
        "--management.endpoints.web.exposure.include=health,metrics",
        "--management.endpoint.health.show-details=always",
        "--onesim.supabase-url=" + supabase.url(),
        "--onesim.api-key=" + supabase.publishableKey(),
        "--onesim.service-key=" + supabase.secretKey(),
        "--onesim.esimaccess.base-url=" + sim.baseUrl(),
        "--onesim.esimaccess.access-code=" + sim.accessCode(),
        "--onesim.esimaccess.secret-key=" + sim.secretKey(),
        "--onesim.esimaccess.requests-per-second=1000",
        "--onesim.workers.instance=spring",
        "--onesim.workers.interval-unit=20ms",
        "--onesim.provider-events.enabled=true",
        "--onesim.provider-events.any-sender=true",
        "--onesim.payments.enabled=true");
  }

  static long count(String sql) {
    return ((Number) supabase.database().value(Identity.superuser(), sql)).longValue();
  }

  static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s for: " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static long workerThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("onesim-worker-")).count();
  }

  static HttpResponse<String> send(HttpRequest r) throws Exception {
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theApplicationRunsTheBackendReportsItsHealthTakesProviderEventsAndStopsCleanly() throws Exception {
    ConfigurableApplicationContext context = start();
    try {
      String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
      assertThat(context.getBean(OneSim.class)).isNotNull();
      assertThat(context.getBean(OneSimBackend.class)).isNotNull();
      assertThat(context.getBean(OneSimWorkers.class).isRunning()).isTrue();

      // a paid order: no webhook is registered at the simulator, nobody calls anything
      supabase.database().update(Identity.superuser(), "insert into orders (user_id, source_type, package_code, payment_status) "
          + "select ?, 'b2c', ?, 'paid' from generate_series(1, 3)", SampleData.CUSTOMER_USER, SampleData.TR_1GB);
      await("the scheduled workers allocate the paid orders", () -> count("select count(*) from orders where order_status = 'ALLOCATED' "
          + "and user_id = '" + SampleData.CUSTOMER_USER + "' and esim_tran_no is not null") >= 3);

      HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("\"oneSim\"", "\"database\":\"UP: schema version", "\"provider\":\"UP: balance",
          "\"worker:fulfilment\"");

      // eSIM Access posts an event: stored before it is answered, then applied by the events worker
      String tran = (String) supabase.database().value(Identity.superuser(), "select esim_tran_no from orders "
          + "where esim_tran_no is not null order by created_at limit 1");
      sim.install(tran);
      sim.enable(tran);
      String event = "{\"notifyType\":\"SMDP_EVENT\",\"notifyId\":\"spring-1\",\"eventGenerateTime\":\"2026-12-02T10:00:00Z\","
          + "\"content\":{\"esimTranNo\":\"" + tran + "\",\"smdpStatus\":\"ENABLED\",\"esimStatus\":\"IN_USE\"}}";
      HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base + "/webhooks/esimaccess"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)).build());
      assertThat(posted.statusCode()).isEqualTo(200);
      await("the event applied", () -> count("select count(*) from provider_events where notify_id = 'spring-1' and status = 'applied'") == 1);
      assertThat(supabase.database().value(Identity.superuser(), "select smdp_status from orders where esim_tran_no = ?", tran))
          .isEqualTo("ENABLED");

      // the shop's payment provider confirms a consumer's order over HTTP; the workers then fulfil it
      uz.onesim.client.Order cart = context.getBean(OneSim.class).asUser(supabase.userJwt(SampleData.CUSTOMER_USER)).orders()
          .buy(SampleData.TR_3GB, 1, uz.onesim.client.CallOptions.none()).get(0);
      String payment = "{\"reference\":\"tp-1\",\"usd\":\"" + uz.onesim.core.Amounts.decimal(cart.paid()).toPlainString()
          + "\",\"orders\":[\"" + cart.id() + "\"]}";
      HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(base + "/webhooks/payments"))
          .header("Content-Type", "application/json").header("X-Test-Signature", "forged")
          .POST(HttpRequest.BodyPublishers.ofString(payment)).build());
      assertThat(forged.statusCode()).as("refused by the adapter: nothing recorded").isEqualTo(400);
      for (int delivery = 0; delivery < 2; delivery++) {   // the provider delivers twice
        HttpResponse<String> paid = send(HttpRequest.newBuilder(URI.create(base + "/webhooks/payments"))
            .header("Content-Type", "application/json").header("X-Test-Signature", "valid")
            .POST(HttpRequest.BodyPublishers.ofString(payment)).build());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
      }
      await("the paid order allocated", () -> count("select count(*) from orders where id = '" + cart.id()
          + "' and order_status = 'ALLOCATED'") == 1);
      assertThat(count("select count(*) from payments where reference = 'tp-1'")).as("recorded once").isEqualTo(1);

      HttpResponse<String> passes = send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/onesim.worker.passes")).build());
      assertThat(passes.statusCode()).as("the backend's metrics on the application's registry").isEqualTo(200);
      assertThat(passes.body()).contains("\"worker\"", "fulfilment");
      assertThat(workerThreads()).isPositive();
    } finally {
      context.close();
    }
    assertThat(workerThreads()).as("no worker thread left behind").isZero();
  }
}
