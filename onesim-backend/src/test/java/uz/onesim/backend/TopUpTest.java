package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uz.onesim.client.CallOptions;
import uz.onesim.client.EsimAlert;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.client.TopUp;
import uz.onesim.client.TopUpService;
import uz.onesim.core.Amounts;
import uz.onesim.core.BadRequestException;
import uz.onesim.core.ConflictException;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.InsufficientBalanceException;
import uz.onesim.core.NotFoundException;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** Top-ups end to end (issue 18): priced like orders, paid before they go out, applied at the provider exactly once. */
class TopUpTest {
  static final long GB = 1_073_741_824L;

  LocalSupabase supabase;
  EsimAccessSimulator sim;
  OneSimBackend backend;
  OneSim onesim;

  @BeforeEach
  void start() {
    supabase = LocalSupabaseExtension.freshShared();
    sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("10000").build();
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
        .esimAccess(FlowsTest.client(sim, 3)).build();
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  OneSim.UserSession as(UUID user) {
    return onesim.asUser(supabase.userJwt(user));
  }

  Order allocatedFor(OneSim.UserSession buyer, boolean partner) {
    List<Order> bought = partner ? buyer.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none())
        : buyer.orders().buy(SampleData.TR_1GB, 1, CallOptions.none());
    if (!partner) {
      backend.payments().confirm(List.of(bought.get(0).id()), "testpay", "pay-" + UUID.randomUUID(), bought.get(0).paid());
    }
    backend.fulfilmentWorker("f", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(10))).runOnce();
    return buyer.orders().get(bought.get(0).id());
  }

  long count(String sql, Object... params) {
    return ((Number) supabase.database().value(Identity.superuser(), sql, params)).longValue();
  }

  java.math.BigDecimal balance(UUID partner) {
    return (java.math.BigDecimal) supabase.database().value(Identity.superuser(), "select balance_usd from partners where id = ?", partner);
  }

  @ParameterizedTest(name = "provider de-duplicates top-ups: {0}")
  @ValueSource(booleans = {true, false})
  void aPartnerTopsUpItsCustomersEsimPaidFromItsBalanceAppliedOnce(boolean dedup) {
    sim.deduplicateTopUps(dedup);
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    grand.partner().webhooks().create("https://hooks.grandtravel.example/onesim", Set.of("topup.applied"));
    Order o = allocatedFor(grand, true);

    List<TopUpService.Option> options = grand.topUps().options(o.id());
    assertThat(options).singleElement().satisfies(opt -> {
      assertThat(opt.packageCode()).isEqualTo("TR_TOPUP_1GB");
      assertThat(opt.retail()).isEqualTo(Amounts.usd("6.00"));
      assertThat(opt.rate()).isEqualTo(DiscountRate.DEFAULT);
      assertThat(opt.yourPrice()).isEqualTo(Amounts.usd("5.70"));
      assertThat(opt.yourPriceUzs()).isEqualTo(Amounts.uzs(72_105));
    });
    assertThat(options).extracting(TopUpService.Option::packageCode).as("what the provider lists for this very eSIM")
        .containsExactlyElementsOf(FlowsTest.client(sim, 3).packages(uz.onesim.esimaccess.PackageQuery.topUpsForIccid(o.iccid()))
            .stream().map(uz.onesim.esimaccess.EsimPackage::packageCode).toList());

    java.math.BigDecimal before = balance(SampleData.GRAND_TRAVEL);
    uz.onesim.core.ValidationException channel = org.assertj.core.api.Assertions.catchThrowableOfType(() -> grand.topUps()
        .buy(o.id(), "TR_TOPUP_1GB", CallOptions.idempotencyKey("topup-aziza-0").withDelivery(uz.onesim.core.DeliveryMethod.WHATSAPP)),
        uz.onesim.core.ValidationException.class);
    assertThat(channel.has("deliveryMethod", "not_for_topups")).as(channel.getMessage()).isTrue();
    assertThat(count("select count(*) from topups")).as("nothing written").isZero();
    assertThat(balance(SampleData.GRAND_TRAVEL)).isEqualByComparingTo(before);
    TopUp t = grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.idempotencyKey("topup-aziza-1"));
    assertThat(t.paid()).as("the quote is what it costs").isEqualTo(options.get(0).yourPrice());
    assertThat(t.paidUzs()).isEqualTo(options.get(0).yourPriceUzs());
    assertThat(t.retailUzs()).isEqualTo(Amounts.uzs(75_900));
    assertThat(t.paymentStatus()).isEqualTo("paid");
    assertThat(balance(SampleData.GRAND_TRAVEL)).isEqualByComparingTo(before.subtract(new java.math.BigDecimal("5.70")));
    assertThat(grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.idempotencyKey("topup-aziza-1")).id())
        .as("the same key, the same top-up").isEqualTo(t.id());
    assertThat(balance(SampleData.GRAND_TRAVEL)).as("charged once").isEqualByComparingTo(before.subtract(new java.math.BigDecimal("5.70")));

    int charges = sim.charges();
    sim.failNext("esim/topup", EsimAccessSimulator.Fault.LOST_RESPONSE, 1);
    TopUpWorker f = backend.topUpWorker("topups");
    TopUpWorker.Report r = f.runOnce();
    assertThat(r.applied()).isEqualTo(1);
    assertThat(f.runOnce().claimed()).as("applied once").isZero();
    assertThat(sim.charges() - charges).as("one provider charge although the answer was lost").isEqualTo(1);
    assertThat(sim.profile(o.esimTranNo()).totalVolume()).isEqualTo(2 * GB);

    TopUp done = grand.topUps().list(o.id()).get(0);
    assertThat(done.status()).isEqualTo("applied");
    assertThat(done.dataAddedBytes()).isEqualTo(GB);
    assertThat(grand.orders().get(o.id()).usage().dataTotalBytes()).isEqualTo(2 * GB);
    assertThat(grand.orders().alerts(o.id())).extracting(EsimAlert::kind).containsExactly(EsimAlert.Kind.TOPUP_APPLIED);
    assertThat(count("select count(*) from webhook_events where type = 'topup.applied'")).isEqualTo(1);
    assertThat(as(SampleData.SILK_ROAD_USER).topUps().recent(10)).as("another partner sees none").isEmpty();
  }

  /** A client of the simulator whose esim/query calls fail after the first {@code allowed} (the provider out of reach). */
  uz.onesim.esimaccess.EsimAccessClient queriesFailAfter(int allowed) {
    java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
    okhttp3.OkHttpClient flaky = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
      if (chain.request().url().encodedPath().endsWith("esim/query") && queries.incrementAndGet() > allowed) {
        throw new java.io.IOException("the provider cannot be reached");
      }
      return chain.proceed(chain.request());
    }).build();
    return FlowsTest.clientOf(sim).okHttpClient(flaky).maxRetries(1)
        .timeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(3)).build();
  }

  TopUpWorker worker(uz.onesim.esimaccess.EsimAccessClient client) {
    return OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(client).build()
        .topUpWorker("topups");
  }

  @ParameterizedTest(name = "top-up lines carry the transaction id: {0}")
  @ValueSource(booleans = {true, false})
  void aLostTopUpAnswerIsSettledByWhatTheProviderShowsNeverResentNeverRefunded(boolean linesCarryIds) {
    sim.deduplicateTopUps(false);                       // the reading where a resend would be a second charge
    sim.topUpLinesCarryTransactionId(linesCarryIds);
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    Order o = allocatedFor(grand, true);
    grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.idempotencyKey("topup-lost-1"));
    java.math.BigDecimal paid = balance(SampleData.GRAND_TRAVEL);
    int charges = sim.charges();
    // the answer is lost, and the provider cannot be asked again in this pass
    sim.failNext("esim/topup", EsimAccessSimulator.Fault.LOST_RESPONSE, 10);
    assertThat(worker(queriesFailAfter(1)).runOnce().retried()).as("unknown: waits").isEqualTo(1);
    sim.clearFaults();
    TopUpWorker.Report second = backend.topUpWorker("topups").runOnce();
    assertThat(second.applied()).as(linesCarryIds ? "settled by the line carrying our id" : "settled by the eSIM's growth")
        .isEqualTo(1);
    assertThat(sim.charges() - charges).as("charged once: nothing was sent blindly again").isEqualTo(1);
    assertThat(grand.topUps().list(o.id()).get(0).status()).isEqualTo("applied");
    assertThat(balance(SampleData.GRAND_TRAVEL)).as("an applied top-up is never refunded").isEqualByComparingTo(paid);
    assertThat(sim.profile(o.esimTranNo()).totalVolume()).isEqualTo(2 * GB);
  }

  @Test
  void aTopUpWhoseOutcomeCannotBeToldGoesToAPersonNeverResentNeverLooping() {
    sim.deduplicateTopUps(false);
    sim.topUpLinesCarryTransactionId(false);   // lines carry no id: an earlier top-up's line could be anyone's
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    Order o = allocatedFor(grand, true);
    grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.idempotencyKey("topup-first"));
    assertThat(backend.topUpWorker("topups").runOnce().applied()).isEqualTo(1);   // its line, without an id, is on the eSIM now
    TopUp t = grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.idempotencyKey("topup-second"));
    java.math.BigDecimal paid = balance(SampleData.GRAND_TRAVEL);
    int charges = sim.charges();
    sim.failNext("esim/topup", EsimAccessSimulator.Fault.TIMEOUT, 1);   // no answer: it may or may not have been processed
    TopUpWorker f = backend.topUpWorker("topups");
    assertThat(f.runOnce().retried()).as("unknown: waits").isEqualTo(1);
    sim.clearFaults();
    assertThat(f.runOnce().needsReview()).as("a line without an id, no growth: cannot be told, a person decides").isEqualTo(1);
    assertThat(f.runOnce().claimed()).as("no endless loop").isZero();
    assertThat(sim.charges() - charges).as("never sent again").isZero();
    assertThat(balance(SampleData.GRAND_TRAVEL)).as("never refunded while it may have been applied").isEqualByComparingTo(paid);
    assertThat(backend.resolveTopUp(t.id(), false, "not in the provider console")).isEqualTo("failed");
    assertThat(balance(SampleData.GRAND_TRAVEL)).as("credited back once a person says so")
        .isEqualByComparingTo(paid.add(t.paid().getNumber().numberValue(java.math.BigDecimal.class)));
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing() {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    Order o = allocatedFor(grand, true);
    grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.idempotencyKey("k-1"));
    long topups = count("select count(*) from topups");
    java.math.BigDecimal before = balance(SampleData.GRAND_TRAVEL);

    assertThat(catchThrowableOfType(() -> grand.topUps().buy(o.id(), SampleData.TR_5GB, CallOptions.none()), NotFoundException.class)
        .details()).as("a base package is no top-up").isEqualTo("unknown_topup");
    assertThat(catchThrowableOfType(() -> as(SampleData.SILK_ROAD_USER).topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.none()),
        NotFoundException.class).details()).as("not Silk Road's order").isEqualTo("unknown_order");
    assertThat(catchThrowableOfType(() -> as(SampleData.SILK_ROAD_USER).topUps().options(o.id()), NotFoundException.class).code())
        .isEqualTo("unknown_order");
    Order pending = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    assertThat(catchThrowableOfType(() -> grand.topUps().buy(pending.id(), "TR_TOPUP_1GB", CallOptions.none()), ConflictException.class)
        .code()).isEqualTo("not_allocated");
    assertThat(catchThrowableOfType(() -> grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.idempotencyKey("k-1").withDelivery(null)),
        ConflictException.class)).as("the same key and request is not an error").isNull();
    Order other = allocatedFor(grand, true);
    assertThat(catchThrowableOfType(() -> grand.topUps().buy(other.id(), "TR_TOPUP_1GB", CallOptions.idempotencyKey("k-1")),
        ConflictException.class).code()).isEqualTo("idempotency_key_reused");
    supabase.database().update(Identity.superuser(), "update partners set credit_limit_usd = 0 where id = ?", SampleData.GRAND_TRAVEL);
    supabase.database().update(Identity.superuser(), "insert into partner_ledger (partner_id, kind, amount_usd, reason) "
        + "select id, 'adjustment', -balance_usd, 'test: empty the account' from partners where id = ?", SampleData.GRAND_TRAVEL);
    InsufficientBalanceException poor = catchThrowableOfType(() -> grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.none()),
        InsufficientBalanceException.class);
    assertThat(poor.code()).isEqualTo("insufficient_balance");
    assertThat(poor.status()).isEqualTo(402);
    assertThat(poor.available()).isEqualTo(Amounts.usd("0.00"));
    assertThat(poor.needed()).isEqualTo(grand.topUps().options(o.id()).stream().filter(t -> t.packageCode().equals("TR_TOPUP_1GB"))
        .findFirst().orElseThrow().yourPrice());
    assertThat(count("select count(*) from topups")).as("nothing written").isEqualTo(topups);
    assertThat(before).isPositive();
  }

  @Test
  void aConsumersTopUpWaitsForItsPaymentAndAProviderRefusalIsCreditedBackToAPartner() {
    OneSim.UserSession customer = as(SampleData.CUSTOMER_USER);
    Order mine = allocatedFor(customer, false);
    TopUp t = customer.topUps().buy(mine.id(), "TR_TOPUP_1GB", CallOptions.none());
    assertThat(t.paid()).as("retail for a consumer").isEqualTo(Amounts.usd("6.00"));
    assertThat(t.paymentStatus()).isEqualTo("awaiting_payment");
    TopUpWorker f = backend.topUpWorker("topups");
    assertThat(f.runOnce().claimed()).as("money comes in before the top-up goes out").isZero();
    assertThat(catchThrowableOfType(() -> backend.confirmTopUpPayment(t.id(), "pay-t1", Amounts.usd("5.99")), BadRequestException.class)
        .code()).isEqualTo("amount_mismatch");
    assertThat(backend.confirmTopUpPayment(t.id(), "pay-t1", Amounts.usd("6.00"))).isEqualTo("paid");
    assertThat(f.runOnce().applied()).isEqualTo(1);
    assertThat(customer.topUps().list(mine.id())).singleElement().extracting(TopUp::status).isEqualTo("applied");

    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    Order o = allocatedFor(grand, true);
    java.math.BigDecimal before = balance(SampleData.GRAND_TRAVEL);
    TopUp refused = grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.none());
    sim.failNextWithCode("esim/topup", "200002", 1);
    assertThat(f.runOnce().failed()).isEqualTo(1);
    TopUp failed = grand.topUps().list(o.id()).get(0);
    assertThat(failed.id()).isEqualTo(refused.id());
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.paymentStatus()).isEqualTo("refunded");
    assertThat(failed.failureReason()).contains("200002");
    assertThat(balance(SampleData.GRAND_TRAVEL)).as("credited back").isEqualByComparingTo(before);
    assertThat(count("select count(*) from partner_ledger where topup_id = ?", refused.id())).as("purchase and refund").isEqualTo(2);
  }

  @Test
  void aTopUpCallSlowerThanTheClaimLeaseIsNeverSentTwice() throws Exception {
    sim.deduplicateTopUps(false);   // the reading where a second request is a second charge
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    Order first = allocatedFor(grand, true);
    Order second = allocatedFor(grand, true);
    grand.topUps().buy(first.id(), "TR_TOPUP_1GB", CallOptions.none());
    grand.topUps().buy(second.id(), "TR_TOPUP_1GB", CallOptions.none());
    int charges = sim.charges();
    // A's first esim/topup takes longer than its one-second claim (a slow network, a stalled proxy)
    uz.onesim.esimaccess.EsimAccessClient slow = FlowsTest.slowOnce(sim, "esim/topup", 2_500);
    WorkerOptions oneSecond = new WorkerOptions(10, Duration.ofSeconds(1));
    TopUpWorker a = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(slow).build()
        .topUpWorker("a", oneSecond);
    TopUpWorker b = backend.topUpWorker("b", oneSecond);

    java.util.concurrent.CompletableFuture<TopUpWorker.Report> late = java.util.concurrent.CompletableFuture.supplyAsync(a::runOnce);
    Thread.sleep(1_400);   // A's claim lease is over while its first call hangs
    TopUpWorker.Report taken = b.runOnce();
    TopUpWorker.Report aPass = late.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(taken.claimed()).as("B took only the top-up A had not started: the one in flight is held for its call").isEqualTo(1);
    assertThat(taken.applied()).isEqualTo(1);
    assertThat(aPass.applied()).as("A applied the one it was sending").isEqualTo(1);
    assertThat(aPass.retried()).as("and sent nothing for the one it no longer held").isEqualTo(1);
    assertThat(sim.charges() - charges).as("one charge per top-up").isEqualTo(2);
    assertThat(count("select count(*) from topups where status = 'applied'")).isEqualTo(2);
    assertThat(sim.profile(first.esimTranNo()).totalVolume()).isEqualTo(2 * GB);
    assertThat(sim.profile(second.esimTranNo()).totalVolume()).isEqualTo(2 * GB);
  }

  @Test
  void aTopUpTheProviderRefusesAsNotATopUpFailsWithItsReasonAndIsCreditedBackWithNothingCharged() {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    Order o = allocatedFor(grand, true);
    java.math.BigDecimal before = balance(SampleData.GRAND_TRAVEL);
    TopUp t = grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.none());
    int charges = sim.charges();
    sim.failNextWithCode("esim/topup", "310242", 1);   // seen live: a plan's code sent as a top-up
    assertThat(backend.topUpWorker("topups").runOnce().failed()).isEqualTo(1);
    TopUp failed = grand.topUps().list(o.id()).get(0);
    assertThat(failed.id()).isEqualTo(t.id());
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.failureReason()).contains("310242");
    assertThat(sim.charges()).as("nothing charged").isEqualTo(charges);
    assertThat(balance(SampleData.GRAND_TRAVEL)).as("credited back once").isEqualByComparingTo(before);
    assertThat(backend.topUpWorker("topups").runOnce().claimed()).isZero();
  }

  @ParameterizedTest(name = "esim/topup as seen live: {0}")
  @ValueSource(booleans = {false, true})
  void aTopUpNamesItsEsimTheWayTheProviderAcceptsAndRecordsWhich(boolean live) {
    sim.topUpsAsSeenLive(live);   // live: 000001 for esimTranNo and for long ids; iccid works
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    Order o = allocatedFor(grand, true);
    TopUp t = grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.none());
    assertThat(TopUpWorker.transactionIdOf(t.id())).hasSizeLessThanOrEqualTo(32);
    int charges = sim.charges();
    TopUpWorker worker = backend.topUpWorker("topups");
    int passes = 0;
    while (count("select count(*) from topups where status = 'pending'") > 0 && passes < 5) {
      worker.runOnce();
      passes++;
    }
    assertThat(grand.topUps().list(o.id()).get(0).status()).isEqualTo("applied");
    assertThat(passes).as(live ? "refused by esimTranNo, then settled and sent by iccid" : "at once").isEqualTo(live ? 2 : 1);
    assertThat(supabase.database().value(Identity.superuser(), "select provider_identifier from topups where id = ?", t.id()))
        .isEqualTo(live ? "iccid" : "esimTranNo");
    assertThat(sim.charges() - charges).as("one charge").isEqualTo(1);
    assertThat(sim.profile(o.esimTranNo()).totalVolume()).isEqualTo(2 * GB);
  }

  @ParameterizedTest(name = "the provider can be asked after the lost answer in the same pass: {0}")
  @ValueSource(booleans = {true, false})
  void aLostTopUpAnswerIsSettledByTheEsimsGrowthWhereItsLineAppearsLate(boolean askable) {
    sim.deduplicateTopUps(false);                      // a second request would be a second charge
    sim.topUpLinesAppearAfter(Duration.ofHours(1));    // the line shows an hour later; the totals at once
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    Order o = allocatedFor(grand, true);
    TopUp t = grand.topUps().buy(o.id(), "TR_TOPUP_1GB", CallOptions.none());
    int charges = sim.charges();
    sim.failNext("esim/topup", EsimAccessSimulator.Fault.LOST_RESPONSE, 1);
    // not askable: every esim/query after the first (the eSIM read before sending) fails in this pass
    worker(queriesFailAfter(askable ? Integer.MAX_VALUE : 1)).runOnce();
    if (!askable) {
      assertThat(grand.topUps().list(o.id()).get(0).status()).as("unknown after the first pass").isEqualTo("pending");
      assertThat(supabase.database().value(Identity.superuser(), "select volume_before from topups where id = ?", t.id()))
          .as("what the eSIM held before the first attempt, kept").isEqualTo(GB);
      backend.topUpWorker("topups").runOnce();   // the next pass settles it by the eSIM's growth
    }
    assertThat(grand.topUps().list(o.id()).get(0).status()).isEqualTo("applied");
    assertThat(sim.charges() - charges).as("never sent again").isEqualTo(1);
    assertThat(sim.profile(o.esimTranNo()).totalVolume()).isEqualTo(2 * GB);
  }

  @ParameterizedTest(name = "strict day-pass readings: {0}")
  @ValueSource(booleans = {false, true})
  void aDayPassTopUpCarriesItsDaysUnderEitherReading(boolean strict) {
    sim.dayPassRequiresPeriodNum(strict);   // strict: refused without periodNum, and priced per day
    sim.dayPassPricedPerDay(strict);
    sim.addPackage(new uz.onesim.testkit.SimPackage("AE_TOPUP_DAY", "AE_TOPUP_DAY", "UAE top-up 1GB/day", "TOPUP", "AE", "AE", 500, GB,
        1, 180, 2, 3, SampleData.AE_DAY_PASS));
    supabase.database().executeScript("""
        insert into esim_packages (package_code, slug, name, location_code, location_name, package_type, data_volume_bytes, data_gb,
                                   duration, duration_unit, final_price_usd, is_active, data_type)
        values ('AE_TOPUP_DAY', 'uae-topup-day', 'UAE top-up 1GB/day', 'AE', 'United Arab Emirates', 'TOPUP', 1073741824, 1, 1, 'DAY',
                0.08, true, 2);
        insert into topup_offers (base_package_code, topup_package_code) values ('AE_1GB_DAY', 'AE_TOPUP_DAY');
        """);
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    Order o = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.AE_DAY_PASS, 1, CallOptions.none()).get(0);
    backend.fulfilmentWorker("f", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(10))).runOnce();
    grand.topUps().buy(o.id(), "AE_TOPUP_DAY", CallOptions.none());
    long before = sim.balanceUnits();
    assertThat(backend.topUpWorker("topups").runOnce().applied()).isEqualTo(1);
    assertThat(sim.calls().stream().filter(c -> c.endpoint().equals("esim/topup")).map(EsimAccessSimulator.Call::body).toList())
        .singleElement().satisfies(body -> assertThat(body).contains("\"periodNum\":\"1\""));
    assertThat(before - sim.balanceUnits()).as("one day of top-up, under either pricing").isEqualTo(500);
  }
}
