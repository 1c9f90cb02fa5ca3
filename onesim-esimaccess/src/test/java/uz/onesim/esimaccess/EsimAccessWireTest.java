package uz.onesim.esimaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uz.onesim.core.Amounts;
import uz.onesim.core.RateLimitedException;
import uz.onesim.core.ServerException;
import uz.onesim.core.TransportException;
import uz.onesim.esimaccess.internal.Signer;

/** Each endpoint against MockWebServer: method, path, headers, exact body bytes, parsing, errors, retries. */
class EsimAccessWireTest {
  static final String ACCESS = "acc-123456";
  static final String SECRET = "sec-abcdef-very-secret";
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  MockWebServer server;
  EsimAccessClient client;
  final List<Duration> sleeps = new ArrayList<>();
  final AtomicInteger ids = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = EsimAccessClient.builder().baseUrl(server.url("/").toString()).accessCode(ACCESS).secretKey(SECRET)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).sleeper(sleeps::add).requestsPerSecond(1000)
        .timeouts(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofSeconds(3))
        .requestIds(() -> "rid-" + ids.incrementAndGet()).build();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  static MockResponse ok(String obj) {
    return new MockResponse().setHeader("Content-Type", "application/json")
        .setBody("{\"success\":true,\"errorCode\":\"0\",\"errorMsg\":null,\"obj\":" + obj + "}");
  }

  static MockResponse fail(String code, String msg) {
    return new MockResponse().setHeader("Content-Type", "application/json")
        .setBody("{\"success\":false,\"errorCode\":\"" + code + "\",\"errorMsg\":\"" + msg + "\",\"obj\":null}");
  }

  RecordedRequest take(String path, String body) throws Exception {
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/api/v1/open/" + path);
    byte[] bytes = r.getBody().readByteArray();
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.getHeader("RT-AccessCode")).isEqualTo(ACCESS);
    assertThat(r.getHeader("RT-Timestamp")).isEqualTo(Long.toString(NOW.toEpochMilli()));
    String rid = r.getHeader("RT-RequestID");
    assertThat(rid).startsWith("rid-");
    assertThat(r.getHeader("RT-Signature")).isEqualTo(Signer.sign(SECRET, Long.toString(NOW.toEpochMilli()), rid, ACCESS, bytes));
    return r;
  }

  @Test
  void packageListWithFiltersAndParsing() throws Exception {
    server.enqueue(ok("{\"packageList\":[{\"packageCode\":\"CKH002\",\"slug\":\"TR_1_7\",\"name\":\"Turkey 1GB 7Days\",\"price\":10000,"
        + "\"currencyCode\":\"USD\",\"volume\":1073741824,\"duration\":7,\"durationUnit\":\"DAY\",\"locationCode\":\"TR\","
        + "\"retailPrice\":19000,\"supportTopUpType\":2,\"unusedValidTime\":180,\"brandNew\":\"ignored\"}]}"));
    List<EsimPackage> list = client.packages(PackageQuery.location("TR"));
    take("package/list", "{\"locationCode\":\"TR\",\"type\":\"BASE\"}");
    assertThat(list).singleElement().satisfies(p -> {
      assertThat(p.wholesalePrice()).isEqualTo(Amounts.usd("1.00"));
      assertThat(p.suggestedRetailPrice()).isEqualTo(Amounts.usd("1.90"));
      assertThat(p.volume()).isEqualTo(1_073_741_824L);
      assertThat(p.supportsTopUp()).isTrue();
    });
  }

  @Test
  void orderSendsLinesAmountAndTransactionId() throws Exception {
    server.enqueue(ok("{\"orderNo\":\"B23051616050537\",\"transactionId\":\"txn-0001\"}"));
    PlacedOrder o = client.order("txn-0001", List.of(OrderLine.of("JP_1_7", 1, Amounts.usd("1.50"))), Amounts.usd("1.50"));
    take("esim/order", "{\"transactionId\":\"txn-0001\",\"amount\":15000,\"packageInfoList\":[{\"packageCode\":\"JP_1_7\",\"count\":1,\"price\":15000}]}");
    assertThat(o).isEqualTo(new PlacedOrder("B23051616050537", "txn-0001"));
  }

  @Test
  void queryCancelSuspendUnsuspendRevoke() throws Exception {
    server.enqueue(ok("{\"esimList\":[{\"esimTranNo\":\"25030303480009\",\"iccid\":\"8943108170000000001\",\"ac\":\"LPA:1$rsp.example$ABC\","
        + "\"esimStatus\":\"GOT_RESOURCE\",\"smdpStatus\":\"RELEASED\",\"totalVolume\":1073741824,\"orderUsage\":0,"
        + "\"expiredTime\":\"2026-09-27T19:29:36+0000\",\"packageList\":[{\"packageCode\":\"CKH002\",\"duration\":7}]}],"
        + "\"pager\":{\"pageNum\":1,\"pageSize\":50,\"total\":1}}"));
    ProfilePage page = client.query(EsimQuery.order("B23051616050537", 1, 50));
    take("esim/query", "{\"orderNo\":\"B23051616050537\",\"pager\":{\"pageNum\":1,\"pageSize\":50}}");
    assertThat(page.pager().total()).isEqualTo(1);
    assertThat(page.esimList().get(0).status()).isEqualTo(EsimStatus.GOT_RESOURCE);
    assertThat(page.esimList().get(0).ac()).startsWith("LPA:1$");
    for (String ep : List.of("cancel", "suspend", "unsuspend", "revoke")) {
      server.enqueue(ok("{}"));
      switch (ep) {
        case "cancel" -> client.cancel(EsimRef.tranNo("25030303480009"));
        case "suspend" -> client.suspend(EsimRef.tranNo("25030303480009"));
        case "unsuspend" -> client.unsuspend(EsimRef.tranNo("25030303480009"));
        default -> client.revoke(EsimRef.iccid("8943108170000000001"));
      }
      take("esim/" + ep, ep.equals("revoke") ? "{\"iccid\":\"8943108170000000001\"}" : "{\"esimTranNo\":\"25030303480009\"}");
    }
  }

  @Test
  void topUpBalanceUsageLocationsWebhookSms() throws Exception {
    // the eSIM is read first (what it holds settles a lost answer), then the top-up is sent
    server.enqueue(ok("{\"esimList\":[{\"esimTranNo\":\"E1\",\"totalVolume\":1073741824}],\"pager\":{\"pageNum\":1,\"pageSize\":5,\"total\":1}}"));
    server.enqueue(ok("{\"transactionId\":\"tu-1\",\"iccid\":\"894\",\"expiredTime\":\"2026-12-01T00:00:00Z\",\"totalVolume\":2147483648,"
        + "\"totalDuration\":14,\"orderUsage\":5,\"topUpEsimTranNo\":\"T1\"}"));
    TopUpResult t = client.topUp(new TopUpRequest(EsimRef.tranNo("E1"), "TOPUP_CKH002", "tu-1", Amounts.usd("1.00"), null));
    take("esim/query", "{\"esimTranNo\":\"E1\",\"pager\":{\"pageNum\":1,\"pageSize\":5}}");
    take("esim/topup", "{\"esimTranNo\":\"E1\",\"packageCode\":\"TOPUP_CKH002\",\"transactionId\":\"tu-1\",\"amount\":\"10000\"}");
    assertThat(t.totalVolume()).isEqualTo(2_147_483_648L);

    server.enqueue(ok("{\"balance\":491400}"));
    assertThat(client.balance()).isEqualTo(Amounts.usd("49.14"));
    take("balance/query", "{}");

    server.enqueue(ok("{\"esimUsageList\":[{\"esimTranNo\":\"E1\",\"dataUsage\":10,\"totalData\":100,\"lastUpdateTime\":\"2025-03-19T18:00:00+0000\"}]}"));
    assertThat(client.usage(List.of("E1"))).singleElement().extracting(UsageRecord::dataUsage).isEqualTo(10L);
    take("esim/usage/query", "{\"esimTranNoList\":[\"E1\"]}");

    server.enqueue(ok("{\"locationList\":[{\"code\":\"NA-3\",\"name\":\"North America\",\"type\":2,\"subLocation\":[{\"code\":\"US\",\"name\":\"USA\"}]}]}"));
    assertThat(client.locations()).singleElement().satisfies(l -> assertThat(l.subLocationList()).hasSize(1));
    take("location/list", "{}");

    server.enqueue(ok("{}"));
    client.saveWebhook("https://onesim.uz/hooks/esim?x=1/2");
    take("webhook/save", "{\"webhook\":\"https://onesim.uz/hooks/esim?x=1/2\"}");
    server.enqueue(ok("{\"webhook\":\"https://onesim.uz/hooks/esim\"}"));
    assertThat(client.webhook()).isEqualTo("https://onesim.uz/hooks/esim");
    take("webhook/query", "{}");
    server.enqueue(ok("{}"));
    client.sendSms(EsimRef.tranNo("E1"), "Salom");
    take("esim/sendSms", "{\"esimTranNo\":\"E1\",\"message\":\"Salom\"}");
  }

  @ParameterizedTest
  @CsvSource({"200007,INSUFFICIENT_BALANCE", "200005,PRICE_MISMATCH", "310241,PACKAGE_NOT_FOUND", "200002,INVALID_STATE",
      "101003,SIGNATURE_MISMATCH", "200011,OUT_OF_INVENTORY", "200006,AMOUNT_MISMATCH", "000105,PARAMETER_ABSENT", "999999,UNKNOWN"})
  void nonRetryableCodesAreTypedAndNotRetried(String code, ProviderError error) {
    server.enqueue(fail(code, "nope"));
    ProviderException e = catchThrowableOfType(() -> client.order("txn-x", List.of(new OrderLine("P", 1, null, null)), null),
        ProviderException.class);
    assertThat(e.error()).isEqualTo(error);
    assertThat(e.remoteCode()).isEqualTo(code);
    assertThat(e.code()).isEqualTo("provider_" + error.name().toLowerCase(java.util.Locale.ROOT));
    assertThat(e.requestId()).isEqualTo("rid-1");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"000001,SERVER_ERROR", "900001,SYSTEM_BUSY", "101001,TIMESTAMP_EXPIRED"})
  void retryableCodesAreRetriedWithAFreshRequestId(String code, ProviderError error) throws Exception {
    server.enqueue(fail(code, "later"));
    server.enqueue(ok("{\"balance\":10000}"));
    assertThat(client.balance()).isEqualTo(Amounts.usd("1.00"));
    assertThat(server.takeRequest().getHeader("RT-RequestID")).isEqualTo("rid-1");
    assertThat(server.takeRequest().getHeader("RT-RequestID")).isEqualTo("rid-2");
    assertThat(sleeps).hasSize(1);
    assertThat(error.retryable()).isTrue();
  }

  @Test
  void aLostOrderResponseIsReplayedWithTheSameTransactionIdAndBytes() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setResponseCode(503).setBody("<html>busy</html>"));
    server.enqueue(ok("{\"orderNo\":\"B1\",\"transactionId\":\"txn-7\"}"));
    PlacedOrder o = client.order("txn-7", List.of(new OrderLine("P", 2, null, null)), null);
    assertThat(o.orderNo()).isEqualTo("B1");
    String first = server.takeRequest().getBody().readUtf8();
    String second = server.takeRequest().getBody().readUtf8();
    String third = server.takeRequest().getBody().readUtf8();
    assertThat(first).isEqualTo(second).isEqualTo(third).contains("\"transactionId\":\"txn-7\"");
  }

  @Test
  void anOrderThatNeverGetsAnAnswerIsReportedAsUnknownOutcome() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }
    server.enqueue(ok("{\"esimList\":[],\"pager\":{\"pageNum\":1,\"pageSize\":500,\"total\":0}}"));
    OrderOutcomeUnknownException e = catchThrowableOfType(
        () -> client.order("txn-9", List.of(new OrderLine("P", 1, null, null)), null), OrderOutcomeUnknownException.class);
    assertThat(e.transactionId()).isEqualTo("txn-9");
    assertThat(e.getCause()).isInstanceOf(TransportException.class);
    assertThat(server.getRequestCount()).as("4 attempts, then one lookup by time range").isEqualTo(5);
  }

  @Test
  void anOrderWhoseReplayIsRefusedIsFoundByItsTransactionIdInATimeRange() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));   // placed, answer lost
    server.enqueue(ok(null).setBody("{\"success\":false,\"errorCode\":\"200008\",\"errorMsg\":\"duplicate transactionId\"}"));
    server.enqueue(ok("{\"esimList\":[{\"esimTranNo\":\"E1\",\"orderNo\":\"B26112310200001\",\"transactionId\":\"other\"},"
        + "{\"esimTranNo\":\"E2\",\"orderNo\":\"B26112310200002\",\"transactionId\":\"txn-10\"}],"
        + "\"pager\":{\"pageNum\":1,\"pageSize\":500,\"total\":2}}"));
    PlacedOrder o = client.order("txn-10", List.of(new OrderLine("P", 1, null, null)), null);
    assertThat(o).isEqualTo(new PlacedOrder("B26112310200002", "txn-10"));
    server.takeRequest();
    server.takeRequest();
    RecordedRequest lookup = server.takeRequest();
    assertThat(lookup.getPath()).isEqualTo("/api/v1/open/esim/query");
    String body = lookup.getBody().readUtf8();
    assertThat(body).contains("\"startTime\":\"", "\"endTime\":\"", "\"pageSize\":500").doesNotContain("orderNo");
    assertThat(body).matches(".*\"startTime\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00\".*");
  }

  @Test
  void rateLimitingHonoursRetryAfterAndHtmlIsAServerError() {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "2"));
    server.enqueue(ok("{\"balance\":0}"));
    client.balance();
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    EsimAccessClient once = EsimAccessClient.builder().baseUrl(server.url("/").toString()).accessCode(ACCESS).maxRetries(0)
        .sleeper(sleeps::add).build();
    server.enqueue(new MockResponse().setResponseCode(502).setBody("<html><body>Bad Gateway</body></html>"));
    ServerException e = catchThrowableOfType(once::balance, ServerException.class);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.bodyExcerpt()).contains("Bad Gateway");
    server.enqueue(new MockResponse().setResponseCode(429));
    assertThatThrownBy(once::balance).isInstanceOf(RateLimitedException.class);
  }

  @Test
  void tolerantEnvelopeVariants() {
    server.enqueue(new MockResponse().setBody("{\"success\":\"true\",\"errorCode\":0,\"obj\":{\"balance\":\"20000\"}}"));
    assertThat(client.balance()).isEqualTo(Amounts.usd("2.00"));
    server.enqueue(new MockResponse().setBody("{\"success\":\"false\",\"errorCode\":200007,\"errorMessage\":\"no money\"}"));
    ProviderException e = catchThrowableOfType(client::balance, ProviderException.class);
    assertThat(e.error()).isEqualTo(ProviderError.INSUFFICIENT_BALANCE);
    assertThat(e.getMessage()).contains("no money");
  }

  @Test
  void withoutASecretOnlyTheAccessCodeIsSent() throws Exception {
    EsimAccessClient plain = EsimAccessClient.builder().baseUrl(server.url("/").toString()).accessCode(ACCESS).build();
    server.enqueue(ok("{\"balance\":1}"));
    plain.balance();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHeader("RT-AccessCode")).isEqualTo(ACCESS);
    assertThat(r.getHeader("RT-Signature")).isNull();
    assertThat(r.getHeader("RT-Timestamp")).isNull();
  }

  @Test
  void awaitProfilesPollsWhileNotAllocatedAndPagesThrough() throws Exception {
    server.enqueue(fail("200010", "Profile is being downloaded"));
    server.enqueue(fail("200010", "Profile is being downloaded"));
    StringBuilder page1 = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      page1.append(i == 0 ? "" : ",").append("{\"esimTranNo\":\"E").append(i).append("\",\"esimStatus\":\"GOT_RESOURCE\"}");
    }
    server.enqueue(ok("{\"esimList\":[" + page1 + "],\"pager\":{\"pageNum\":1,\"pageSize\":500,\"total\":501}}"));
    server.enqueue(ok("{\"esimList\":[{\"esimTranNo\":\"E500\",\"esimStatus\":\"GOT_RESOURCE\"}],\"pager\":{\"pageNum\":2,\"pageSize\":500,\"total\":501}}"));
    EsimAccessClient polling = client;
    List<EsimProfile> all = polling.awaitProfiles("B1", Duration.ofMinutes(1));
    assertThat(all).hasSize(501);
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void secretsNeverAppearInMessagesOrToString() {
    server.enqueue(fail("101003", "signature mismatch"));
    ProviderException e = catchThrowableOfType(client::balance, ProviderException.class);
    for (String s : List.of(e.getMessage(), client.toString(), EsimAccessClient.builder().accessCode(ACCESS).secretKey(SECRET).toString())) {
      assertThat(s).doesNotContain(ACCESS).doesNotContain(SECRET);
    }
  }

  @Test
  void inputsAreCheckedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.order(null, List.of(new OrderLine("P", 1, null, null)), null)).hasMessageContaining("transactionId");
    assertThatThrownBy(() -> client.order("x".repeat(51), List.of(new OrderLine("P", 1, null, null)), null)).hasMessageContaining("50");
    assertThatThrownBy(() -> new OrderLine("P", 0, null, null)).hasMessageContaining("count");
    assertThatThrownBy(() -> client.usage(List.of())).hasMessageContaining("1 to 10");
    assertThatThrownBy(() -> EsimAccessClient.builder().build()).isInstanceOf(uz.onesim.core.ConfigurationException.class)
        .hasMessageContaining("accessCode");
    assertThatThrownBy(() -> OrderLine.of("P", 1, Amounts.usd("0.00001"))).hasMessageContaining("4 decimals");
    assertThat(server.getRequestCount()).isZero();
    assertThat(EsimAccessClient.transactionIdFor("order-42")).isEqualTo(EsimAccessClient.transactionIdFor("order-42")).hasSize(43)
        .isNotEqualTo(EsimAccessClient.transactionIdFor("order-43"));
  }
}
