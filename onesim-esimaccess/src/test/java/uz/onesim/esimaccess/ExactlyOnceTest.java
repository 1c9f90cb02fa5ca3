package uz.onesim.esimaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uz.onesim.core.Amounts;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.EsimAccessSimulator.Fault;

/**
 * Calls that charge or change state are exactly-once whatever the provider does with a repeated
 * transactionId: a lost answer is settled by asking for the profile, never by a blind replay
 * (issue 18). Every test runs with the simulator de-duplicating top-ups and without.
 */
class ExactlyOnceTest {
  EsimAccessSimulator sim;

  @AfterEach
  void stop() {
    sim.close();
  }

  EsimAccessClient client(int maxRetries) {
    return EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey())
        .clock(sim.clock()).sleeper(d -> sim.clock().advance(d)).requestsPerSecond(10_000).maxRetries(maxRetries)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
        .timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(2)).build();
  }

  EsimProfile usedUpProfile(EsimAccessClient c, String txn) {
    PlacedOrder o = c.order(txn, List.of(new OrderLine("TR_1_7", 1, null, null)), null);
    EsimProfile p = c.awaitProfiles(o.orderNo(), Duration.ofSeconds(5)).get(0);
    sim.use(p.esimTranNo(), 1_073_741_824L);
    return p;
  }

  @ParameterizedTest(name = "provider de-duplicates top-ups: {0}")
  @ValueSource(booleans = {true, false})
  void aTopUpWhoseAnswerIsLostIsChargedOnceAndReported(boolean dedup) {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    sim.deduplicateTopUps(dedup);
    EsimAccessClient c = client(3);
    EsimProfile p = usedUpProfile(c, "txn-lost");
    int charges = sim.charges();
    sim.failNext("esim/topup", Fault.LOST_RESPONSE, 1);
    TopUpResult r = c.topUp(new TopUpRequest(EsimRef.tranNo(p.esimTranNo()), "TOPUP_TR_1_7", "tu-lost", Amounts.usd("6.00"), null));
    assertThat(sim.charges() - charges).as("charges for one logical top-up").isEqualTo(1);
    assertThat(r.transactionId()).isEqualTo("tu-lost");
    assertThat(r.totalVolume()).isEqualTo(2 * 1_073_741_824L);
    assertThat(r.topUpEsimTranNo()).isNotBlank();
    assertThat(sim.count("esim/topup")).as("not replayed: the query settled it").isEqualTo(1);
  }

  @ParameterizedTest(name = "provider de-duplicates top-ups: {0}")
  @ValueSource(booleans = {true, false})
  void aTopUpThatNeverArrivedIsSentAgainAfterTheQueryShowsItMissing(boolean dedup) {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    sim.deduplicateTopUps(dedup);
    EsimAccessClient c = client(3);
    EsimProfile p = usedUpProfile(c, "txn-timeout");
    int charges = sim.charges();
    sim.failNext("esim/topup", Fault.TIMEOUT, 1);
    TopUpResult r = c.topUp(new TopUpRequest(EsimRef.tranNo(p.esimTranNo()), "TOPUP_TR_1_7", "tu-timeout", null, null));
    assertThat(sim.charges() - charges).isEqualTo(1);
    assertThat(r.totalDuration()).isEqualTo(14);
    assertThat(sim.count("esim/topup")).isEqualTo(2);
  }

  @ParameterizedTest(name = "provider de-duplicates top-ups: {0}")
  @ValueSource(booleans = {true, false})
  void manyTopUpsUnderTwentyPercentFaultsChargeExactlyOnceEach(boolean dedup) {
    sim = EsimAccessSimulator.builder().balanceUsd("1000").build();
    sim.deduplicateTopUps(dedup);
    EsimAccessClient c = client(6);
    EsimProfile p = usedUpProfile(c, "txn-many");
    int charges = sim.charges();
    sim.failRandomly("esim/topup", 0.2, Fault.HTTP_500, Fault.TIMEOUT, Fault.LOST_RESPONSE, Fault.CONNECTION_RESET,
        Fault.SERVER_ERROR, Fault.SYSTEM_BUSY);
    sim.failRandomly("esim/query", 0.1, Fault.HTTP_500, Fault.SYSTEM_BUSY);
    int done = 0;
    for (int i = 0; i < 40; i++) {
      TopUpRequest req = new TopUpRequest(EsimRef.tranNo(p.esimTranNo()), "TOPUP_TR_1_7", "tu-" + i, null, null);
      for (int attempt = 0; attempt < 5; attempt++) {   // the caller retries what stays unsettled, same transactionId
        try {
          c.topUp(req);
          done++;
          break;
        } catch (OutcomeUnknownException | uz.onesim.core.ServerException | uz.onesim.core.TransportException tryLater) {
          // settled on the next attempt
        }
      }
    }
    assertThat(done).isEqualTo(40);
    assertThat(sim.charges() - charges).as("one charge per logical top-up").isEqualTo(40);
  }

  @ParameterizedTest(name = "fault: {0}")
  @ValueSource(strings = {"LOST_RESPONSE", "TIMEOUT", "HTTP_500"})
  void aCancelWhoseAnswerIsLostIsSettledByQueryAndRefundsOnce(String fault) {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    EsimAccessClient c = client(3);
    PlacedOrder o = c.order("txn-cancel", List.of(new OrderLine("TR_1_7", 1, null, null)), null);
    EsimProfile p = c.awaitProfiles(o.orderNo(), Duration.ofSeconds(5)).get(0);
    sim.failNext("esim/cancel", Fault.valueOf(fault), 1);
    c.cancel(EsimRef.tranNo(p.esimTranNo()));
    assertThat(c.balance()).isEqualTo(Amounts.usd("100.00"));
    assertThat(c.query(EsimQuery.profile(p.esimTranNo())).esimList().get(0).status()).isEqualTo(EsimStatus.CANCEL);
  }

  @ParameterizedTest(name = "fault: {0}")
  @ValueSource(strings = {"LOST_RESPONSE", "TIMEOUT"})
  void anSmsIsNeverSentTwice(String fault) {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    EsimAccessClient c = client(3);
    PlacedOrder o = c.order("txn-sms", List.of(new OrderLine("TR_1_7", 1, null, null)), null);
    EsimProfile p = c.awaitProfiles(o.orderNo(), Duration.ofSeconds(5)).get(0);
    sim.failNext("esim/sendSms", Fault.valueOf(fault), 1);
    assertThat(catchThrowableOfType(() -> c.sendSms(EsimRef.tranNo(p.esimTranNo()), "Your eSIM is ready"),
        OutcomeUnknownException.class)).isNotNull();
    assertThat(sim.count("esim/sendSms")).as("not replayed").isEqualTo(1);
  }

  @Test
  void anSmsToAnEsimNotInstalledIsATypedRefusalWhereTheProviderKeepsItsRule() {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    sim.smsOnlyToInstalledEsims(true);
    EsimAccessClient c = client(3);
    PlacedOrder o = c.order("txn-sms-installed", List.of(new OrderLine("TR_1_7", 1, null, null)), null);
    EsimProfile p = c.awaitProfiles(o.orderNo(), Duration.ofSeconds(5)).get(0);
    ProviderException refused = catchThrowableOfType(() -> c.sendSms(EsimRef.tranNo(p.esimTranNo()), "Your eSIM is ready"),
        ProviderException.class);
    assertThat(refused.remoteCode()).isEqualTo("200002");
    sim.download(p.esimTranNo());
    sim.install(p.esimTranNo());
    c.sendSms(EsimRef.tranNo(p.esimTranNo()), "Your eSIM is ready");
    assertThat(sim.count("esim/sendSms")).isEqualTo(2);
  }

  @ParameterizedTest(name = "a replayed order is answered with: {0}")
  @ValueSource(strings = {"the first order", "error 200008"})
  void anOrderWhoseAnswerIsLostIsPlacedOnceWhateverTheReplayAnswers(String replay) {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    sim.answerReplayedOrdersWithError(replay.startsWith("error") ? "200008" : null);
    EsimAccessClient c = client(3);
    sim.failNext("esim/order", Fault.LOST_RESPONSE, 1);
    PlacedOrder o = c.order("txn-lost-order", List.of(new OrderLine("TR_1_7", 2, null, null)), null);
    assertThat(sim.orderCount()).as("orders placed").isEqualTo(1);
    assertThat(sim.charges()).as("charges").isEqualTo(1);
    assertThat(o.orderNo()).as("the provider's own order number").isEqualTo(sim.profiles(o.orderNo()).get(0).orderNo());
    assertThat(c.awaitProfiles(o.orderNo(), Duration.ofSeconds(5))).hasSize(2);
  }

  @ParameterizedTest(name = "a replayed order is answered with: {0}")
  @ValueSource(strings = {"the first order", "error 200008"})
  void manyOrdersUnderTwentyPercentFaultsAreEachPlacedExactlyOnce(String replay) {
    sim = EsimAccessSimulator.builder().balanceUsd("1000").seed(7).build();
    sim.answerReplayedOrdersWithError(replay.startsWith("error") ? "200008" : null);
    EsimAccessClient c = client(4);
    sim.failRandomly("esim/order", 0.2, Fault.HTTP_500, Fault.TIMEOUT, Fault.LOST_RESPONSE, Fault.CONNECTION_RESET,
        Fault.SERVER_ERROR, Fault.SYSTEM_BUSY);
    sim.failRandomly("esim/query", 0.1, Fault.HTTP_500, Fault.SYSTEM_BUSY);
    java.util.Set<String> orderNos = new java.util.HashSet<>();
    for (int i = 0; i < 40; i++) {
      for (int attempt = 0; ; attempt++) {   // the caller replays what stays unknown, same transactionId
        try {
          orderNos.add(c.order("txn-many-" + i, List.of(new OrderLine("TR_1_7", 1, null, null)), null).orderNo());
          break;
        } catch (OutcomeUnknownException | uz.onesim.core.ServerException | uz.onesim.core.TransportException tryLater) {
          assertThat(attempt).as("settled within a few replays").isLessThan(10);
        }
      }
    }
    assertThat(orderNos).hasSize(40);
    assertThat(sim.orderCount()).as("one provider order per logical order").isEqualTo(40);
    assertThat(sim.charges()).as("one charge per logical order").isEqualTo(40);
  }

  @Test
  void anOrderIsFoundByItsTransactionIdInATimeRange() {
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    EsimAccessClient c = client(3);
    java.time.Instant from = sim.clock().instant();
    PlacedOrder first = c.order("txn-a", List.of(new OrderLine("TR_1_7", 1, null, null)), null);
    sim.clock().advance(Duration.ofMinutes(1));
    PlacedOrder second = c.order("txn-b", List.of(new OrderLine("TR_1_7", 3, null, null)), null);
    java.time.Instant to = sim.clock().instant().plusSeconds(1);
    assertThat(c.findOrder("txn-b", from, to)).contains(second);
    assertThat(c.findOrder("txn-a", from, to)).contains(first);
    assertThat(c.findOrder("txn-a", from.plusSeconds(30), to)).as("outside the range").isEmpty();
    assertThat(c.findOrder("txn-never", from, to)).isEmpty();
  }

  @Test
  void anOrderOverTheBatchSizeIsRefusedBeforeAnyCall() {
    sim = EsimAccessSimulator.builder().balanceUsd("1000").build();
    EsimAccessClient c = client(3);
    uz.onesim.core.ValidationException e = catchThrowableOfType(() -> c.order("txn-31",
        List.of(new OrderLine("TR_1_7", 20, null, null), new OrderLine("TR_1_7", 11, null, null)), null),
        uz.onesim.core.ValidationException.class);
    assertThat(e.has("lines", "batch_too_large")).isTrue();
    assertThat(sim.count("esim/order")).isZero();
    assertThat(c.order("txn-30", List.of(new OrderLine("TR_1_7", 30, null, null)), null).orderNo()).isNotBlank();
  }
}
