package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.ApiException;
import uz.onesim.core.BadRequestException;

/**
 * Outages (issue 26): a create carrying an idempotency key is repeated with the same key on what
 * may pass later — the gateway's 502 while PostgREST restarts, a deadlock — and never on a refusal;
 * reads are repeated on 502 too. A deadlock's text naming server processes never reaches the caller.
 */
class KeyedCreateRetryTest {
  static final String ORDER = "{\"id\":\"" + UUID.randomUUID() + "\",\"source_type\":\"b2b_partner\",\"order_status\":\"PENDING\","
      + "\"package_code\":\"TR_1GB_7D\",\"retail_price_override_usd\":15.00,\"discount_amount_usd\":0.75,\"price_usd\":14.25,"
      + "\"discount_rate\":5.00,\"price_uzs\":180263,\"discount_amount_uzs\":9487,\"fx_rate_uzs\":12650,\"delivery_method\":\"email\","
      + "\"created_at\":\"2026-12-02T10:00:00Z\",\"payment_status\":\"paid\"}";
  static final String DEADLOCK = "{\"code\":\"40P01\",\"message\":\"deadlock detected\","
      + "\"details\":\"Process 4242 waits for ShareLock on transaction 9191; blocked by process 4343.\",\"hint\":\"See server log for query details.\"}";

  MockWebServer server;
  final List<Duration> sleeps = new ArrayList<>();
  OneSim.UserSession partner;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    PostgrestClient db = PostgrestClient.builder().supabaseUrl(server.url("/").toString()).apiKey("anon").sleeper(sleeps::add).build();
    partner = OneSim.builder().postgrest(db).build().asUser("header.payload.signature");
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  @Test
  void aKeyedPurchaseIsRepeatedWithTheSameKeyThrough502ADeadlockAndALostDatabaseConnection() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>bad gateway</html>"));
    server.enqueue(json(500, DEADLOCK));
    // what PostgREST 12 answers when PostgreSQL dies under the request (DatabaseCrashTest saw it)
    server.enqueue(json(400, "{\"code\":\"\",\"details\":null,\"hint\":null,\"message\":\"\"}"));
    server.enqueue(json(200, "[" + ORDER + "]"));
    List<Order> bought = partner.orders().buyForCustomer(UUID.randomUUID(), "TR_1GB_7D", 1, CallOptions.idempotencyKey("booking-7"));
    assertThat(bought).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      RecordedRequest r = server.takeRequest();
      assertThat(r.getPath()).startsWith("/rest/v1/rpc/place_partner_order");
      assertThat(r.getBody().readUtf8()).contains("\"p_idempotency_key\":\"booking-7\"");
    }
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void aRefusalIsNeverRepeatedAndADeadlockSaysNothingOfTheServersProcesses() {
    server.enqueue(json(400, "{\"code\":\"PT400\",\"message\":\"nope\",\"details\":\"out_of_range\",\"hint\":\"quantity\"}"));
    BadRequestException refused = catchThrowableOfType(
        () -> partner.orders().buyForCustomer(UUID.randomUUID(), "TR_1GB_7D", 1, CallOptions.idempotencyKey("k")), BadRequestException.class);
    assertThat(refused.code()).isEqualTo("out_of_range");
    assertThat(server.getRequestCount()).isEqualTo(1);

    for (int i = 0; i < 4; i++) {
      server.enqueue(json(500, DEADLOCK));
    }
    ApiException deadlock = catchThrowableOfType(
        () -> partner.orders().buyForCustomer(UUID.randomUUID(), "TR_1GB_7D", 1, CallOptions.idempotencyKey("k2")), ApiException.class);
    assertThat(deadlock.code()).isEqualTo("deadlock_detected");
    assertThat(deadlock.isRetryable()).isTrue();
    assertThat(deadlock.getMessage() + deadlock.details() + deadlock.bodyExcerpt()).doesNotContain("4242").doesNotContain("9191");
  }

  @Test
  void readsAreRepeatedOn502() {
    server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>bad gateway</html>"));
    server.enqueue(json(200, "[" + ORDER + "]"));
    assertThat(partner.orders().recent(1)).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aSessionKnowsItsUserFromTheTokenWithoutARequest() {
    UUID user = UUID.randomUUID();
    java.util.Base64.Encoder b = java.util.Base64.getUrlEncoder().withoutPadding();
    String jwt = b.encodeToString("{\"alg\":\"HS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
        + b.encodeToString(("{\"sub\":\"" + user + "\",\"role\":\"authenticated\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".c2ln";
    PostgrestClient db = PostgrestClient.builder().supabaseUrl(server.url("/").toString()).apiKey("anon").build();
    assertThat(OneSim.builder().postgrest(db).build().asUser(jwt).userId()).isEqualTo(user);
    assertThat(partner.userId()).as("not a JWT: no user, no exception").isNull();
    assertThat(server.getRequestCount()).isZero();
  }
}
