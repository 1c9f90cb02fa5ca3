package uz.onesim.esimaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uz.onesim.core.Amounts;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.EsimAccessSimulator.Fault;

/** The client against the stateful simulator: lifecycle, money, paging, webhooks, faults. */
class SimulatorTest {
  EsimAccessSimulator sim;
  HttpServer receiver;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  EsimAccessClient client(EsimAccessSimulator s, int maxRetries) {
    return client(s, maxRetries, Duration.ofMillis(300));
  }

  EsimAccessClient client(EsimAccessSimulator s, int maxRetries, Duration readTimeout) {
    return EsimAccessClient.builder().baseUrl(s.baseUrl()).accessCode(s.accessCode()).secretKey(s.secretKey())
        .clock(s.clock()).sleeper(d -> s.clock().advance(d)).requestsPerSecond(10_000).maxRetries(maxRetries)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
        .timeouts(Duration.ofSeconds(2), readTimeout, Duration.ofSeconds(2)).build();
  }

  @Test
  void orderWaitForAllocationQueryCancelAndSeeTheRefund() {
    sim = EsimAccessSimulator.builder().balanceUsd("100").allocationDelay(Duration.ofSeconds(30)).build();
    EsimAccessClient c = client(sim, 3);
    assertThat(c.balance()).isEqualTo(Amounts.usd("100.00"));
    PlacedOrder o = c.order("txn-life-1", List.of(OrderLine.of("TR_1_7", 2, Amounts.usd("10.00"))), Amounts.usd("20.00"));
    assertThat(c.balance()).isEqualTo(Amounts.usd("80.00"));
    ProviderException notReady = catchThrowableOfType(() -> c.query(EsimQuery.order(o.orderNo(), 1, 10)), ProviderException.class);
    assertThat(notReady.error()).isEqualTo(ProviderError.NOT_YET_ALLOCATED);

    List<EsimProfile> profiles = c.awaitProfiles(o.orderNo(), Duration.ofMinutes(2));
    assertThat(profiles).hasSize(2).allSatisfy(p -> {
      assertThat(p.status()).isEqualTo(EsimStatus.GOT_RESOURCE);
      assertThat(p.smdpStatus()).isEqualTo("RELEASED");
      assertThat(p.ac()).startsWith("LPA:1$");
      assertThat(p.transactionId()).isEqualTo("txn-life-1");
      assertThat(p.totalVolume()).isEqualTo(1_073_741_824L);
    });

    EsimRef first = EsimRef.tranNo(profiles.get(0).esimTranNo());
    c.cancel(first);
    assertThat(c.balance()).isEqualTo(Amounts.usd("90.00"));
    assertThat(c.query(EsimQuery.profile(first.esimTranNo())).esimList().get(0).status()).isEqualTo(EsimStatus.CANCEL);
    assertThat(catchThrowableOfType(() -> c.cancel(first), ProviderException.class).error()).isEqualTo(ProviderError.INVALID_STATE);

    String second = profiles.get(1).esimTranNo();
    sim.use(second, 1_000);
    assertThat(catchThrowableOfType(() -> c.cancel(EsimRef.tranNo(second)), ProviderException.class).error())
        .as("a used eSIM cannot be cancelled").isEqualTo(ProviderError.INVALID_STATE);
    assertThat(c.balance()).isEqualTo(Amounts.usd("90.00"));
    c.suspend(EsimRef.tranNo(second));
    assertThat(c.query(EsimQuery.profile(second)).esimList().get(0).status()).isEqualTo(EsimStatus.SUSPENDED);
    c.unsuspend(EsimRef.tranNo(second));
    assertThat(c.query(EsimQuery.profile(second)).esimList().get(0).status()).isEqualTo(EsimStatus.IN_USE);
    c.revoke(EsimRef.tranNo(second));
    assertThat(c.query(EsimQuery.profile(second)).esimList().get(0).status()).isEqualTo(EsimStatus.REVOKED);
    assertThat(c.usage(List.of(second))).singleElement().extracting(UsageRecord::dataUsage).isEqualTo(1_000L);
  }

  @Test
  void sameTransactionIdNeverChargesTwice() {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    EsimAccessClient c = client(sim, 3);
    PlacedOrder a = c.order("txn-dup", List.of(new OrderLine("JP_1_7", 1, null, null)), null);
    PlacedOrder b = c.order("txn-dup", List.of(new OrderLine("JP_1_7", 1, null, null)), null);
    assertThat(b).isEqualTo(a);
    assertThat(sim.charges()).isEqualTo(1);
    assertThat(c.balance()).isEqualTo(Amounts.usd("98.50"));
    ProviderException changed = catchThrowableOfType(() -> c.order("txn-dup", List.of(new OrderLine("JP_1_7", 3, null, null)), null),
        ProviderException.class);
    assertThat(changed.error()).isEqualTo(ProviderError.ORDER_PARAMETER_ERROR);
  }

  @Test
  void topUpAddsVolumeAndIsDeduplicated() {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    EsimAccessClient c = client(sim, 3);
    PlacedOrder o = c.order("txn-tu", List.of(new OrderLine("TR_1_7", 1, null, null)), null);
    EsimProfile p = c.awaitProfiles(o.orderNo(), Duration.ofSeconds(5)).get(0);
    sim.use(p.esimTranNo(), 1_073_741_824L);
    assertThat(c.query(EsimQuery.profile(p.esimTranNo())).esimList().get(0).status()).isEqualTo(EsimStatus.USED_UP);
    assertThat(c.packages(PackageQuery.topUpsForIccid(p.iccid()))).extracting(EsimPackage::packageCode).containsExactly("TOPUP_TR_1_7");
    TopUpRequest req = new TopUpRequest(EsimRef.tranNo(p.esimTranNo()), "TOPUP_TR_1_7", "tu-1", Amounts.usd("6.00"), null);
    TopUpResult r = c.topUp(req);
    assertThat(r.totalVolume()).isEqualTo(2 * 1_073_741_824L);
    assertThat(r.totalDuration()).isEqualTo(14);
    assertThat(c.topUp(req)).isEqualTo(r);
    assertThat(sim.charges()).isEqualTo(2);
    assertThat(c.balance()).isEqualTo(Amounts.usd("84.00"));
    assertThat(c.query(EsimQuery.profile(p.esimTranNo())).esimList().get(0).status()).isEqualTo(EsimStatus.IN_USE);
  }

  @Test
  void aDayPassCostsPriceTimesCountAsDocumentedOrPerDayUnderTheSwitch() {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    EsimAccessClient c = client(sim, 3);
    // AE_DAY_1 costs 1.20 USD; 2 passes for 3 days each
    ProviderException perDayRefused = catchThrowableOfType(() -> c.order("txn-day-1",
        List.of(new OrderLine("AE_DAY_1", 2, 12_000L, 3)), Amounts.usd("7.20")), ProviderException.class);
    assertThat(perDayRefused.error()).as("documented: amount = price x count").isEqualTo(ProviderError.AMOUNT_MISMATCH);
    assertThat(c.order("txn-day-2", List.of(new OrderLine("AE_DAY_1", 2, 12_000L, 3)), Amounts.usd("2.40")).orderNo()).isNotBlank();
    sim.dayPassPricedPerDay(true);
    assertThat(c.order("txn-day-3", List.of(new OrderLine("AE_DAY_1", 2, 12_000L, 3)), Amounts.usd("7.20")).orderNo()).isNotBlank();
    assertThat(c.balance()).isEqualTo(Amounts.usd("90.40"));
  }

  @Test
  void awaitReturnsAFullBatchOnceAllocatedAndQueriesPage() {
    sim = EsimAccessSimulator.builder().balanceUsd("1000").allocationDelay(Duration.ofSeconds(10)).build();
    EsimAccessClient c = client(sim, 3);
    PlacedOrder o = c.order("txn-30", List.of(new OrderLine("JP_1_7", 30, 15_000L, null)), Amounts.usd("45"));
    List<EsimProfile> all = c.awaitProfiles(o.orderNo(), Duration.ofMinutes(1));
    assertThat(all).hasSize(30).extracting(EsimProfile::esimTranNo).doesNotHaveDuplicates();
    assertThat(sim.count("esim/query")).as("the answer after the not-ready answers").isGreaterThanOrEqualTo(2);
    ProfilePage page3 = c.query(EsimQuery.order(o.orderNo(), 3, 12));
    assertThat(page3.esimList()).hasSize(6);
    assertThat(page3.pager().total()).isEqualTo(30);
  }

  @Test
  void webhookEventsAreAppliedOnceDespiteDuplicatesAndReordering() throws Exception {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    // webhook/save waits for the simulator's CHECK_HEALTH round trip: give it more than the 300 ms
    // the other tests use, or a slow first delivery makes the client ask (and health-check) twice
    EsimAccessClient c = client(sim, 3, Duration.ofSeconds(5));
    ProviderEventHandler handler = ProviderEventHandler.builder().verifyWith(c).build();
    List<ProviderEventResult> results = Collections.synchronizedList(new ArrayList<>());
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext("/hooks", ex -> {
      ProviderEventResult r = handler.handle(ex.getRequestHeaders(), ex.getRequestBody().readAllBytes(), "127.0.0.1");
      results.add(r);
      ex.sendResponseHeaders(r.httpStatus(), -1);
      ex.close();
    });
    receiver.start();
    c.saveWebhook("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
    assertThat(c.webhook()).endsWith("/hooks");
    assertThat(results).singleElement().extracting(r -> r.event().getClass()).isEqualTo(ProviderEvent.CheckHealth.class);
    results.clear();

    sim.duplicateWebhooks(true);
    PlacedOrder o = c.order("txn-hook", List.of(new OrderLine("TR_1_7", 1, null, null)), null);
    assertThat(sim.deliverWebhooks()).isEqualTo(2);
    assertThat(results).extracting(ProviderEventResult::outcome)
        .containsExactly(ProviderEventResult.Outcome.APPLY, ProviderEventResult.Outcome.DUPLICATE);
    assertThat(((ProviderEvent.OrderStatus) results.get(0).event()).orderNo()).isEqualTo(o.orderNo());
    results.clear();

    String tran = c.awaitProfiles(o.orderNo(), Duration.ofSeconds(5)).get(0).esimTranNo();
    sim.reorderWebhooks(true);
    sim.download(tran);
    sim.install(tran);
    sim.enable(tran);
    sim.deliverWebhooks();
    List<ProviderEventResult> applied = results.stream().filter(ProviderEventResult::shouldApply).toList();
    assertThat(applied).singleElement().satisfies(r -> assertThat(((ProviderEvent.SmdpEvent) r.event()).smdpStatus()).isEqualTo("ENABLED"));
    assertThat(results).extracting(ProviderEventResult::outcome).containsOnly(ProviderEventResult.Outcome.APPLY, ProviderEventResult.Outcome.DUPLICATE,
        ProviderEventResult.Outcome.STALE).hasSize(6);
  }

  @Test
  void twentyPercentFaultyOrderCallsStillEndAsExactlyOneHundredOrders() {
    sim = EsimAccessSimulator.builder().balanceUsd("10000").timeoutDelay(Duration.ofMillis(600)).seed(7).build();
    sim.failRandomly("esim/order", 0.2, Fault.HTTP_500, Fault.TIMEOUT, Fault.LOST_RESPONSE, Fault.CONNECTION_RESET, Fault.SERVER_ERROR);
    EsimAccessClient c = client(sim, 12);
    long before = sim.balanceUnits();
    for (int i = 0; i < 100; i++) {
      c.order(EsimAccessClient.transactionIdFor("logical-order-" + i), List.of(new OrderLine("JP_1_7", 1, 15_000L, null)), null);
    }
    assertThat(sim.orderCount()).isEqualTo(100);
    assertThat(sim.charges()).isEqualTo(100);
    assertThat(before - sim.balanceUnits()).isEqualTo(100 * 15_000L);
    assertThat(sim.count("esim/order")).as("faults forced retries").isGreaterThan(100);
    System.out.println("100 logical orders took " + sim.count("esim/order") + " order calls; provider orders: " + sim.orderCount());
  }

  @Test
  void finalErrorsAreNotRetried() {
    sim = EsimAccessSimulator.builder().balanceUsd("0").build();
    EsimAccessClient c = client(sim, 5);
    ProviderException broke = catchThrowableOfType(() -> c.order("txn-poor", List.of(new OrderLine("TR_1_7", 1, null, null)), null),
        ProviderException.class);
    assertThat(broke.error()).isEqualTo(ProviderError.INSUFFICIENT_BALANCE);
    assertThat(sim.count("esim/order")).isEqualTo(1);
    sim.setBalanceUnits(1_000_000);
    ProviderException unknown = catchThrowableOfType(() -> c.order("txn-x", List.of(new OrderLine("NOPE", 1, null, null)), null),
        ProviderException.class);
    assertThat(unknown.error()).isEqualTo(ProviderError.PACKAGE_NOT_FOUND);
    ProviderException price = catchThrowableOfType(() -> c.order("txn-y", List.of(new OrderLine("TR_1_7", 1, 1L, null)), null),
        ProviderException.class);
    assertThat(price.error()).isEqualTo(ProviderError.PRICE_MISMATCH);
    sim.setInventory("TR_1_7", 1);
    assertThat(catchThrowableOfType(() -> c.order("txn-z", List.of(new OrderLine("TR_1_7", 2, null, null)), null), ProviderException.class)
        .error()).isEqualTo(ProviderError.OUT_OF_INVENTORY);
    assertThat(sim.count("esim/order")).isEqualTo(4);
    assertThat(sim.charges()).isZero();
  }

  @Test
  void signatureAndTimestampAreVerified() {
    sim = EsimAccessSimulator.builder().build();
    EsimAccessClient wrongKey = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey("not-the-key").build();
    assertThat(catchThrowableOfType(wrongKey::balance, ProviderException.class).error()).isEqualTo(ProviderError.SIGNATURE_MISMATCH);
    EsimAccessClient skewed = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey())
        .clock(Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC)).maxRetries(1).sleeper(d -> { }).build();
    assertThat(catchThrowableOfType(skewed::balance, ProviderException.class).error()).isEqualTo(ProviderError.TIMESTAMP_EXPIRED);
    EsimAccessClient headerOnly = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).build();
    assertThat(headerOnly.balance()).isEqualTo(Amounts.usd("500000.00"));
  }

  @Test
  void catalogueFiltersAndTheClientSideRateLimit() {
    sim = EsimAccessSimulator.builder().rateLimit(8, true).build();
    // the default pace (8/s less 3 %) leaves about 30 ms for a request to arrive late after taking its
    // slot; a loaded CI machine can exceed that once, and the client retries such a refusal. Without
    // the limiter, 16 calls in a burst are 8 refusals.
    EsimAccessClient c = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey())
        .maxRetries(1).build();
    assertThat(c.packages(PackageQuery.all())).hasSize(13);
    assertThat(c.packages(PackageQuery.location("TR"))).extracting(EsimPackage::packageCode).containsExactly("TR_1_7", "TR_3_15", "TR_5_30");
    assertThat(c.packages(new PackageQuery("!RG", null, null, null, null, null))).extracting(EsimPackage::packageCode)
        .containsExactly("EU_10_30", "TOPUP_EU_5_30");
    assertThat(c.packages(new PackageQuery(null, null, null, null, null, "2"))).extracting(EsimPackage::packageCode).containsExactly("AE_DAY_1");
    for (int i = 0; i < 12; i++) {
      c.balance();
    }
    assertThat(sim.calls()).filteredOn(EsimAccessSimulator.Call::processed).hasSize(16);
    assertThat(sim.calls()).as("refused: the client paced itself under the provider's 8/s").filteredOn(x -> !x.processed()).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void lostResponsesAreRecoveredByReplayingTheSameTransaction() {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    sim.failNext("esim/order", Fault.LOST_RESPONSE, 2);
    EsimAccessClient c = client(sim, 3);
    PlacedOrder o = c.order("txn-lost", List.of(new OrderLine("JP_1_7", 1, null, null)), null);
    assertThat(o.transactionId()).isEqualTo("txn-lost");
    assertThat(sim.count("esim/order")).isEqualTo(3);
    assertThat(sim.calls()).filteredOn(x -> x.endpoint().equals("esim/order")).extracting(EsimAccessSimulator.Call::body).containsOnly(
        sim.calls().get(0).body());
    assertThat(sim.orderCount()).isEqualTo(1);
    assertThat(sim.charges()).isEqualTo(1);
    assertThat(Map.of("requestIds", sim.calls().stream().map(EsimAccessSimulator.Call::requestId).distinct().count())).containsEntry("requestIds", 3L);
  }

  @Test
  void injectedCodesExtendedNotReadyExpiryAndALargeCatalogue() {
    sim = EsimAccessSimulator.builder().catalog(uz.onesim.testkit.SimPackage.generated(2033)).build();
    EsimAccessClient c = client(sim, 3);
    assertThat(c.packages(PackageQuery.all())).hasSize(2033);
    sim.failNextWithCode("balance/query", "200007", 1);
    assertThat(catchThrowableOfType(c::balance, ProviderException.class).error()).isEqualTo(ProviderError.INSUFFICIENT_BALANCE);

    EsimAccessSimulator sim2 = EsimAccessSimulator.builder().allocationDelay(Duration.ofSeconds(5)).build();
    try {
      EsimAccessClient c2 = client(sim2, 3);
      sim2.extendNotReady(Duration.ofMinutes(10));
      PlacedOrder o = c2.order("txn-slow", List.of(new OrderLine("TR_1_7", 1, null, null)), null);
      ProviderException late = catchThrowableOfType(() -> c2.awaitProfiles(o.orderNo(), Duration.ofMinutes(1)), ProviderException.class);
      assertThat(late.error()).isEqualTo(ProviderError.NOT_YET_ALLOCATED);
      List<EsimProfile> ready = c2.awaitProfiles(o.orderNo(), Duration.ofMinutes(15));
      assertThat(ready).hasSize(1);
      sim2.clock().advance(Duration.ofDays(181));
      assertThat(c2.query(EsimQuery.profile(ready.get(0).esimTranNo())).esimList().get(0).status()).isEqualTo(EsimStatus.UNUSED_EXPIRED);
      assertThat(catchThrowableOfType(() -> c2.cancel(EsimRef.tranNo(ready.get(0).esimTranNo())), ProviderException.class).error())
          .isEqualTo(ProviderError.INVALID_STATE);
    } finally {
      sim2.close();
    }
  }
}
