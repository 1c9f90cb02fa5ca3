package uz.onesim.client.postgrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.core.AuthenticationException;
import uz.onesim.core.RateLimitedException;
import uz.onesim.core.ServerException;
import uz.onesim.core.TransportException;

/** What a local PostgREST cannot produce: 503/520, Retry-After, dropped connections, proxy HTML, timeouts. */
class PostgrestWireTest {
  static final String KEY = "sb_secret_abcdef0123456789";
  static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
  MockWebServer server;
  final List<Duration> sleeps = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  PostgrestClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = PostgrestClient.builder().supabaseUrl(server.url("/").toString()).apiKey(KEY)
        .sleeper(sleeps::add)
        .clock(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC))
        .readTimeout(Duration.ofMillis(500))
        .listener(new PostgrestListener() {
          @Override
          public void requestEnd(Attempt a, int status, Duration d, String requestId, Throwable failure) {
            events.add(a.method() + "#" + a.attempt() + "=" + status + (requestId == null ? "" : "/" + requestId));
          }
        })
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  @Test
  void sendsTheSupabaseHeaders() throws Exception {
    server.enqueue(json(200, "[]"));
    server.enqueue(json(200, "[]"));
    client.from("orders").select("id").eq("order_status", "ALLOCATED").json();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getPath()).isEqualTo("/rest/v1/orders?select=id&order_status=eq.ALLOCATED");
    assertThat(r.getHeader("apikey")).isEqualTo(KEY);
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(r.getHeader("X-Client-Info")).startsWith("onesim-java/");
    assertThat(r.getHeader("Accept-Profile")).isNull();

    client.newBuilder().schema("reporting").build().withUserJwt(JWT).from("stats").json();
    RecordedRequest u = server.takeRequest();
    assertThat(u.getHeader("Authorization")).isEqualTo("Bearer " + JWT);
    assertThat(u.getHeader("apikey")).isEqualTo(KEY);
    assertThat(u.getHeader("Accept-Profile")).isEqualTo("reporting");
  }

  @Test
  void writesSendPreferColumnsAndBody() throws Exception {
    server.enqueue(json(201, "[{\"id\":1},{\"id\":2}]"));
    client.from("t").insert(List.of(Map.of("a", 1), Map.of("b", "x,y"))).onConflict("a").ignoreDuplicates().select("id").list(Map.class);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getRequestUrl().encodedPath()).isEqualTo("/rest/v1/t");
    assertThat(r.getRequestUrl().queryParameter("select")).isEqualTo("id");
    assertThat(r.getRequestUrl().queryParameter("columns")).isEqualTo("a,b");
    assertThat(r.getRequestUrl().queryParameter("on_conflict")).isEqualTo("a");
    assertThat(r.getHeader("Prefer")).isEqualTo("missing=default,resolution=ignore-duplicates,return=representation");
    assertThat(r.getBody().readUtf8()).isEqualTo("[{\"a\":1},{\"b\":\"x,y\"}]");
  }

  @Test
  void retriesAReadOn503And520ThenSucceeds() {
    server.enqueue(json(503, "{\"code\":\"PGRST002\",\"message\":\"schema cache\"}"));
    server.enqueue(json(520, "{}"));
    server.enqueue(json(200, "[{\"x\":1}]"));
    assertThat(client.from("t").json()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
    assertThat(events).containsExactly("GET#1=503", "GET#2=520", "GET#3=200");
  }

  @Test
  void retriesAReadAfterADroppedConnection() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(json(200, "[]"));
    assertThat(client.from("t").json()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(events.get(0)).isEqualTo("GET#1=0");
  }

  @Test
  void honoursRetryAfterInSecondsAndAsADate() {
    server.enqueue(json(503, "{}").setHeader("Retry-After", "7"));
    server.enqueue(json(503, "{}").setHeader("Retry-After", "Mon, 23 Nov 2026 10:00:03 GMT"));
    server.enqueue(json(200, "[]"));
    client.from("t").json();
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
  }

  @Test
  void givesUpAfterThreeRetries() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(json(503, "{\"message\":\"down\"}"));
    }
    ServerException e = catchThrowableOfType(() -> client.from("t").json(), ServerException.class);
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.isRetryable()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeps).hasSize(3).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(10)));
  }

  @Test
  void neverRetriesAWrite() {
    server.enqueue(json(503, "{}"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(503, "{}"));
    assertThatThrownBy(() -> client.from("t").insert(Map.of("a", 1)).execute()).isInstanceOf(ServerException.class);
    assertThatThrownBy(() -> client.from("t").update(Map.of("a", 1)).eq("id", 1).execute()).isInstanceOf(TransportException.class);
    assertThatThrownBy(() -> client.rpc("f", Map.of()).execute()).isInstanceOf(ServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void getRpcIsRetriedAndCarriesArgsInTheQuery() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{\"ok\":true}"));
    assertThat(client.rpc("partner_dashboard", Map.of("p_recent", 5, "ids", List.of("a", "b c"))).get().json().path("ok").asBoolean()).isTrue();
    server.takeRequest();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getRequestUrl().queryParameter("p_recent")).isEqualTo("5");
    assertThat(r.getRequestUrl().queryParameter("ids")).isEqualTo("{a,\"b c\"}");
  }

  @Test
  void rpcHeadWithCountSendsArgsInTheQueryAndReadsTheTotal() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Range", "*/42"));
    long total = client.rpc("orders_of", Map.of("p_partner", "abc")).count(Count.EXACT).total();
    assertThat(total).isEqualTo(42);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("HEAD");
    assertThat(r.getRequestUrl().encodedPath()).isEqualTo("/rest/v1/rpc/orders_of");
    assertThat(r.getRequestUrl().queryParameter("p_partner")).isEqualTo("abc");
    assertThat(r.getHeader("Prefer")).isEqualTo("count=exact");
    assertThatThrownBy(() -> client.from("t").update(Map.of("a", 1)).eq("id", 1).total()).isInstanceOf(IllegalStateException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void htmlFromAProxyIsATypedErrorWithAnExcerpt() {
    server.enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
        .setBody("<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"));
    ServerException e = catchThrowableOfType(() -> client.from("t").insert(Map.of("a", 1)).execute(), ServerException.class);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage()).contains("HTTP 502").contains("non-JSON");
    assertThat(e.bodyExcerpt()).contains("502 Bad Gateway");
    assertThat(e.remoteCode()).isNull();
    assertThat(e.code()).isEqualTo("service_unavailable");
  }

  @Test
  void rateLimitingIsTyped() {
    server.enqueue(json(429, "{\"message\":\"slow down\"}").setHeader("Retry-After", "2"));
    RateLimitedException e = catchThrowableOfType(() -> client.from("t").insert(Map.of("a", 1)).execute(), RateLimitedException.class);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aReadTimeoutIsATransportErrorAfterRetries() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }
    TransportException e = catchThrowableOfType(() -> client.from("t").json(), TransportException.class);
    assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
    assertThat(e.status()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void secretsNeverAppearInMessagesOrToString() {
    server.enqueue(json(401, "{\"code\":\"PGRST301\",\"message\":\"JWT expired\"}").setHeader("x-request-id", "req-42"));
    PostgrestClient user = client.withUserJwt(JWT);
    AuthenticationException e = catchThrowableOfType(() -> user.from("t").json(), AuthenticationException.class);
    assertThat(e.requestId()).isEqualTo("req-42");
    for (String s : List.of(e.getMessage(), String.valueOf(e.bodyExcerpt()), user.toString(), client.toString(), client.newBuilder().toString())) {
      assertThat(s).doesNotContain(KEY).doesNotContain(JWT).doesNotContain("abcdef0123456789");
    }
    assertThat(user.toString()).contains("sb_secret_…").contains("userJwt=<redacted>");
  }

  @Test
  void buildersFailFastNamingTheField() {
    assertThatThrownBy(() -> PostgrestClient.builder().apiKey("k").build()).hasMessageContaining("supabaseUrl == null");
    assertThatThrownBy(() -> PostgrestClient.builder().supabaseUrl("http://x").build()).hasMessageContaining("apiKey == null");
    assertThatThrownBy(() -> PostgrestClient.builder().supabaseUrl("not a url")).hasMessageContaining("supabaseUrl");
    assertThatThrownBy(() -> PostgrestClient.builder().readTimeout(Duration.ZERO)).hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> PostgrestClient.fromEnv(name -> null)).hasMessageContaining("SUPABASE_URL");
    assertThat(PostgrestClient.fromEnv(Map.of("SUPABASE_URL", "http://localhost:1", "SUPABASE_ANON_KEY", "k")::get).toString())
        .contains("http://localhost:1/rest/v1");
  }

  @Test
  void contentRangeTotals() {
    assertThat(PostgrestQuery.parseTotal("0-24/3573")).isEqualTo(3573L);
    assertThat(PostgrestQuery.parseTotal("*/0")).isZero();
    assertThat(PostgrestQuery.parseTotal("0-24/*")).isNull();
    assertThat(PostgrestQuery.parseTotal(null)).isNull();
  }
}
