package uz.onesim.backend;

import uz.onesim.client.CallOptions;
import uz.onesim.client.CustomerGroup;
import uz.onesim.client.NewCustomer;
import uz.onesim.client.Order;
import uz.onesim.client.PartnerCustomer;
import uz.onesim.client.PartnerDashboard;
import uz.onesim.client.PartnerEarning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uz.onesim.client.OneSim;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.core.Amounts;
import uz.onesim.core.AuthenticationException;
import uz.onesim.core.ConflictException;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.NotFoundException;
import uz.onesim.core.OrderSource;
import uz.onesim.core.OrderStatus;
import uz.onesim.core.PermissionException;
import uz.onesim.core.ValidationException;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.esimaccess.ProviderEventHandler;
import uz.onesim.esimaccess.ProviderEventResult;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.PartnerAccount;
import uz.onesim.testkit.SampleData;

/** The business flows end to end: LocalSupabase (real PostgREST, real JWTs) and the eSIM Access simulator. */
class FlowsTest {
  LocalSupabase supabase;
  EsimAccessSimulator sim;
  EsimAccessClient esim;
  OneSim onesim;
  OneSimBackend backend;
  final AtomicInteger partnerRequests = new AtomicInteger();
  HttpServer receiver;

  @BeforeEach
  void start() {
    supabase = LocalSupabaseExtension.freshShared();
    sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("100000").build();
    esim = client(sim, 3);
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
  }

  @AfterEach
  void stop() {
    sim.close();
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  /** A client of the simulator {@code s} on its clock (the client's sleeps advance it), unthrottled. */
  static EsimAccessClient.Builder clientOf(EsimAccessSimulator s) {
    return EsimAccessClient.builder().baseUrl(s.baseUrl()).accessCode(s.accessCode()).secretKey(s.secretKey()).clock(s.clock())
        .sleeper(d -> s.clock().advance(d)).requestsPerSecond(10_000);
  }

  /**
   * A client of {@code s} whose first request to {@code endpoint} stalls {@code stallMillis} before it
   * is sent (a slow network, a stalled proxy): 2 s to connect, 10 s to read, 20 s per call.
   */
  static EsimAccessClient slowOnce(EsimAccessSimulator s, String endpoint, long stallMillis) {
    java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();
    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
      if (chain.request().url().encodedPath().endsWith(endpoint) && stalled.compareAndSet(false, true)) {
        try {
          Thread.sleep(stallMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return chain.proceed(chain.request());
    }).build();
    return clientOf(s).okHttpClient(http).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20)).build();
  }

  static EsimAccessClient client(EsimAccessSimulator s, int retries) {
    return clientOf(s).maxRetries(retries).timeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(3)).build();
  }

  /** The shop's payment provider confirms these orders, as OneSIM's backend records it. */
  List<Order> pay(List<Order> orders) {
    java.math.BigDecimal total = orders.stream().map(o -> Amounts.decimal(o.paid())).reduce(java.math.BigDecimal.ZERO,
        java.math.BigDecimal::add);
    return backend.payments().confirm(orders.stream().map(Order::id).toList(), "testpay", "pay-" + UUID.randomUUID(),
        Amounts.usd(total));
  }

  OneSim.UserSession as(UUID user) {
    return onesim.asUser(supabase.userJwt(user));
  }

  /** A partner session whose PostgREST requests are counted (and optionally intercepted). */
  OneSim.UserSession countedPartner(UUID user, Interceptor interceptor) {
    OkHttpClient.Builder ok = new OkHttpClient.Builder();
    if (interceptor != null) {
      ok.addInterceptor(interceptor);
    }
    PostgrestClient db = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).okHttpClient(ok.build())
        .listener(PostgrestListener.counting(partnerRequests)).build();
    return OneSim.builder().postgrest(db).build().asUser(supabase.userJwt(user));
  }

  FulfilmentWorker fulfiller(String name, Duration await, int perOrder) {
    return backend.fulfilmentWorker(name, FulfilmentWorker.Options.defaults().withAwaitAllocation(await).withMaxProfilesPerOrder(perOrder));
  }

  long count(String sql, Object... params) {
    return (Long) supabase.database().value(Identity.superuser(), sql, params);
  }

  List<UUID> newCustomers(UUID partnerUser, int n, String tag) {
    return supabase.database().query(Identity.user(partnerUser), "insert into partner_customers (first_name, last_name, email) "
            + "select 'Tourist', 'N' || i, ? || i || '@example.com' from generate_series(1, ?) i returning id", tag, n)
        .stream().map(r -> (UUID) r.get("id")).toList();
  }

  // ------------------------------------------------------------------ 1. B2C

  @Test
  void b2cPurchaseIsPricedAtRetailFulfilledAndVisibleToTheCustomer() {
    OneSim.UserSession customer = as(SampleData.CUSTOMER_USER);
    Order o = customer.orders().buy(SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    assertThat(o.source()).isEqualTo(OrderSource.B2C);
    assertThat(o.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(o.paid()).isEqualTo(Amounts.usd("15.00"));
    assertThat(o.discount()).isEqualTo(Amounts.usd("0.00"));
    assertThat(o.paidUzs()).isEqualTo(Amounts.uzs(189_750));
    assertThat(o.paymentStatus()).isEqualTo(uz.onesim.core.PaymentStatus.AWAITING_PAYMENT);
    assertThat(fulfiller("w0", Duration.ZERO, 30).runOnce().claimed()).as("an unpaid order is never claimed").isZero();
    pay(List.of(o));

    FulfilmentReport r = fulfiller("w1", Duration.ofSeconds(10), 30).runOnce();
    assertThat(r.claimed()).isEqualTo(1);
    assertThat(r.allocated()).isEqualTo(1);
    Order mine = customer.orders().get(o.id());
    assertThat(mine.status()).isEqualTo(OrderStatus.ALLOCATED);
    assertThat(mine.iccid()).isNotBlank();
    assertThat(mine.activationCode()).startsWith("LPA:1$");
    assertThat(mine.qrCodeUrl()).startsWith("https://");
    assertThat(supabase.database().query(Identity.superuser(), "select action, from_status, to_status from order_action_logs where order_id = ? "
        + "order by created_at, action", o.id())).extracting(m -> m.get("action") + ":" + m.get("from_status") + ">" + m.get("to_status"))
        .containsExactly("created:null>PENDING", "status_changed:PENDING>PROCESSING", "status_changed:PROCESSING>ALLOCATED");
  }

  // ------------------------------------------------------------------ 2. B2B for one customer

  @Test
  void partnerBuysForAReusedCustomerAtItsDiscountAndTheLedgerFollows() {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    PartnerCustomer aziza = grand.customers().save(NewCustomer.of("Aziza", "Karimova", "AZIZA@example.com", "+998901111111"));
    assertThat(aziza.id()).as("same email, same partner: the same customer").isEqualTo(SampleData.AZIZA);
    Order o = grand.orders().buyForCustomer(aziza.id(), SampleData.TR_1GB, 1, CallOptions.idempotencyKey("aziza-1")).get(0);
    assertThat(o.paid()).isEqualTo(Amounts.usd("14.25"));
    assertThat(o.discount()).isEqualTo(Amounts.usd("0.75"));
    assertThat(o.retail()).isEqualTo(Amounts.usd("15.00"));
    assertThat(o.discountRate()).isEqualTo(DiscountRate.DEFAULT);
    assertThat(o.paidUzs()).isEqualTo(Amounts.uzs(180_263));
    assertThat(o.retailUzs()).isEqualTo(Amounts.uzs(189_750));
    assertThat(o.discountUzs()).as("retail − paid in som, as the database splits it").isEqualTo(Amounts.uzs(9_487));
    assertThat(o.deliveryMethod()).isEqualTo(uz.onesim.core.DeliveryMethod.EMAIL);
    assertThat(count("select count(*) from partner_earnings where order_id = ? and status = 'pending'", o.id())).isEqualTo(1);

    fulfiller("w1", Duration.ofSeconds(10), 30).runOnce();
    assertThat(count("select count(*) from partner_earnings where order_id = ? and status = 'completed'", o.id())).isEqualTo(1);
    PartnerDashboard d = grand.dashboard();
    assertThat(d.stats().totalSpent()).isEqualTo(Amounts.usd("14.25"));
    assertThat(d.stats().totalSavings()).isEqualTo(Amounts.usd("0.75"));

    Order premium = as(SampleData.SILK_ROAD_USER).orders().buyForCustomer(SampleData.BOBUR, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    assertThat(premium.paid()).isEqualTo(Amounts.usd("13.50"));
    PartnerEarning earning = grand.orders().logSellPrice(o.id(), Amounts.usd("20.00"));
    assertThat(earning.actualProfit()).isEqualTo(Amounts.usd("5.75"));
    assertThat(earning.paid()).isEqualTo(Amounts.usd("14.25"));
    // the same sale logged in som: 253 000 som at the order's 12 650 som/USD is 20.00 USD
    assertThat(o.fxRateUzs()).isEqualByComparingTo("12650");
    PartnerEarning inSom = grand.orders().logSellPrice(o.id(), Amounts.uzs(253_000));
    assertThat(inSom.sellPrice()).isEqualTo(Amounts.uzs(253_000));
    assertThat(inSom.sellPriceUsd()).isEqualTo(Amounts.usd("20.00"));
    assertThat(inSom.actualProfit()).isEqualTo(Amounts.usd("5.75"));
    assertThat(inSom.actualProfitUzs()).isEqualTo(Amounts.uzs(253_000).subtract(o.paidUzs()));
    assertThat(earning.sellPriceUzs()).as("USD entry converted to som once").isEqualTo(Amounts.uzs(253_000));
    assertThat(catchThrowableOfType(() -> grand.orders().logSellPrice(o.id(), Amounts.uzs(new java.math.BigDecimal("10.5"))),
        ValidationException.class).has("sellPrice", "too_many_decimals")).isTrue();
    assertThat(catchThrowableOfType(() -> grand.orders().logSellPrice(o.id(), Amounts.usd("-1")), ValidationException.class)
        .has("sellPrice", "must_not_be_negative")).isTrue();
  }

  // ------------------------------------------------------------------ 3. bulk for a group

  @Test
  void groupPurchaseIsOneCallForAnyNAndOneProviderOrderForAllProfiles() {
    OneSim.UserSession grand = countedPartner(SampleData.GRAND_TRAVEL_USER, null);
    for (int n : new int[] {10, 50, 200}) {
      CustomerGroup g = grand.groups().create("Antalya " + n, "TR", "Turkiya", null, null);
      grand.groups().addMembers(g.id(), newCustomers(SampleData.GRAND_TRAVEL_USER, n, "g" + n + "-"));
      assertThat(grand.groups().get(g.id()).groupSize()).isEqualTo(n);
      int before = partnerRequests.get();
      List<Order> orders = grand.orders().buyForGroup(g.id(), SampleData.TR_1GB, CallOptions.none());
      assertThat(partnerRequests.get() - before).as("round trips for N = " + n).isEqualTo(1);
      assertThat(orders).hasSize(n).allSatisfy(o -> assertThat(o.paid()).isEqualTo(Amounts.usd("14.25")));
    }
    int providerOrdersBefore = sim.orderCount();
    FulfilmentReport r = fulfiller("bulk", Duration.ofSeconds(10), 30).runOnce();
    assertThat(r.claimed()).isEqualTo(210);  // claim limit 210 (seven full provider orders): the rest next pass
    FulfilmentReport r2 = fulfiller("bulk", Duration.ofSeconds(10), 30).runOnce();
    assertThat(r.allocated() + r2.allocated()).isEqualTo(260);
    assertThat(sim.orderCount() - providerOrdersBefore).as("30 profiles per provider order: 7 for the first 210, 2 for the other 50")
        .isEqualTo(9);
    assertThat(count("select count(distinct esim_tran_no) from orders where partner_id = ? and order_status = 'ALLOCATED'", SampleData.GRAND_TRAVEL))
        .isEqualTo(260);
  }

  @Test
  void theProvidersPerOrderLimitSplitsTheBatch() {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    CustomerGroup g = grand.groups().create("Split", "TR", "Turkiya", null, null);
    grand.groups().addMembers(g.id(), newCustomers(SampleData.GRAND_TRAVEL_USER, 65, "s-"));
    grand.orders().buyForGroup(g.id(), SampleData.TR_1GB, CallOptions.none());
    FulfilmentReport r = fulfiller("w", Duration.ofSeconds(10), 30).runOnce();
    assertThat(r.providerOrders()).hasSize(3);
    assertThat(r.allocated()).isEqualTo(65);
  }

  // ------------------------------------------------------------------ 4. idempotency

  @Test
  void aLostResponseIsRetriedWithTheSameKeyAndYieldsExactlyNOrders() {
    AtomicBoolean dropped = new AtomicBoolean();
    Interceptor dropFirst = chain -> {
      Response response = chain.proceed(chain.request());
      if (chain.request().url().encodedPath().endsWith("/rpc/place_partner_orders") && dropped.compareAndSet(false, true)) {
        response.close();
        throw new IOException("connection reset after the server committed");
      }
      return response;
    };
    OneSim.UserSession grand = countedPartner(SampleData.GRAND_TRAVEL_USER, dropFirst);
    CustomerGroup g = grand.groups().create("Flaky", "TR", "Turkiya", null, null);
    grand.groups().addMembers(g.id(), newCustomers(SampleData.GRAND_TRAVEL_USER, 20, "f-"));
    List<Order> orders = grand.orders().buyForGroup(g.id(), SampleData.TR_1GB, CallOptions.idempotencyKey("antalya-oct"));
    assertThat(dropped.get()).isTrue();
    assertThat(orders).hasSize(20);
    assertThat(count("select count(*) from orders where customer_group_id = ?", g.id())).isEqualTo(20);
    assertThat(grand.orders().buyForGroup(g.id(), SampleData.TR_1GB, CallOptions.idempotencyKey("antalya-oct")))
        .extracting(Order::id).containsExactlyElementsOf(orders.stream().map(Order::id).toList());
    assertThat(count("select count(*) from orders where customer_group_id = ?", g.id())).isEqualTo(20);

    List<Order> b2c = as(SampleData.CUSTOMER_USER).orders().buy(SampleData.TR_1GB, 2, CallOptions.idempotencyKey("cart-9"));
    List<Order> again = as(SampleData.CUSTOMER_USER).orders().buy(SampleData.TR_1GB, 2, CallOptions.idempotencyKey("cart-9"));
    assertThat(again).extracting(Order::id).containsExactlyElementsOf(b2c.stream().map(Order::id).toList());
  }

  // ------------------------------------------------------------------ 5. fulfilment

  @Test
  void twoConcurrentFulfillersPlaceEachOf500OrdersOnce() throws Exception {
    supabase.database().update(Identity.superuser(), "insert into orders (source_type, user_id, package_code, payment_status) "
        + "select 'b2c', ?, 'TR_1GB_7D', 'paid' from generate_series(1, 500)", SampleData.CUSTOMER_USER);
    FulfilmentWorker.Options options = FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(10)).withBatchSize(50);
    FulfilmentWorker a = backend.fulfilmentWorker("A", options);
    FulfilmentWorker b = backend.fulfilmentWorker("B", options);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> claimed = new ArrayList<>();
    try {
      for (FulfilmentWorker f : List.of(a, b)) {
        claimed.add(pool.submit(() -> {
          int total = 0;
          for (FulfilmentReport r = f.runOnce(); r.claimed() > 0; r = f.runOnce()) {
            total += r.claimed();
          }
          return total;
        }));
      }
      assertThat(claimed.get(0).get() + claimed.get(1).get()).isEqualTo(500);
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("select count(*) from orders where order_status = 'ALLOCATED'")).isEqualTo(500);
    assertThat(count("select count(distinct esim_tran_no) from orders")).isEqualTo(500);
    assertThat(sim.profileCount()).isEqualTo(500);
    assertThat(count("select count(distinct lease_worker) from orders")).isEqualTo(2);
  }

  @Test
  void anOrderWhoseEveryAnswerIsLostIsFoundByItsTransactionIdInTheSamePass() {
    Order o = pay(as(SampleData.CUSTOMER_USER).orders().buy(SampleData.TR_1GB, 3, CallOptions.none())).get(0);
    sim.failNext("esim/order", EsimAccessSimulator.Fault.LOST_RESPONSE, 4);   // every attempt placed or replayed, no answer
    FulfilmentReport r = fulfiller("lost", Duration.ofSeconds(10), 30).runOnce();
    assertThat(r.allocated()).isEqualTo(3);
    assertThat(r.providerOrders()).hasSize(1);
    assertThat(sim.orderCount()).as("placed once").isEqualTo(1);
    assertThat(sim.charges()).isEqualTo(1);
    assertThat(as(SampleData.CUSTOMER_USER).orders().get(o.id()).providerOrderNo()).isEqualTo(r.providerOrders().get(0));
  }

  @Test
  void reconcileRepairsAnOrderPlacedAtTheProviderButNeverRecorded() {
    Order o = pay(as(SampleData.CUSTOMER_USER).orders().buy(SampleData.TR_1GB, 3, CallOptions.none())).get(0);
    sim.failNext("esim/order", EsimAccessSimulator.Fault.LOST_RESPONSE, 4);
    sim.failNext("esim/query", EsimAccessSimulator.Fault.HTTP_500, 4);   // and the lookup by time range fails too
    FulfilmentReport r = fulfiller("crashy", Duration.ofSeconds(10), 30).runOnce();
    assertThat(r.waiting()).isEqualTo(3);
    assertThat(count("select count(*) from orders where order_status = 'PROCESSING' and esim_order_no is null")).isEqualTo(3);
    assertThat(sim.orderCount()).isEqualTo(1);
    FulfilmentReport fixed = backend.fulfilmentWorker("repair").reconcile();
    assertThat(fixed.allocated()).isEqualTo(3);
    assertThat(sim.orderCount()).as("replayed, not re-ordered").isEqualTo(1);
    assertThat(sim.charges()).isEqualTo(1);
    assertThat(as(SampleData.CUSTOMER_USER).orders().get(o.id()).status()).isEqualTo(OrderStatus.ALLOCATED);

    // Recorded at the provider but never allocated (no webhook came): reconcile polls and allocates.
    Order later = pay(as(SampleData.CUSTOMER_USER).orders().buy(SampleData.TR_5GB, 1, CallOptions.none())).get(0);
    assertThat(fulfiller("no-wait", Duration.ZERO, 30).runOnce().waiting()).isEqualTo(1);
    assertThat(as(SampleData.CUSTOMER_USER).orders().get(later.id()).providerOrderNo()).isNotNull();
    assertThat(backend.fulfilmentWorker("repair").reconcile().allocated()).isEqualTo(1);
    assertThat(as(SampleData.CUSTOMER_USER).orders().get(later.id()).status()).isEqualTo(OrderStatus.ALLOCATED);
    assertThat(sim.orderCount()).isEqualTo(2);
  }

  @Test
  void aClaimIsLeasedAndAnExpiredLeaseIsClaimableAgain() {
    pay(as(SampleData.CUSTOMER_USER).orders().buy(SampleData.TR_1GB, 2, CallOptions.none()));
    uz.onesim.client.postgrest.PostgrestClient service = PostgrestClient.builder().supabaseUrl(supabase.url())
        .apiKey(supabase.serviceRoleKey()).build();
    Map<String, Object> args = Map.of("p_worker", "crashed", "p_limit", 10, "p_lease_seconds", 60);
    assertThat(service.rpc("claim_pending_orders", args).json()).hasSize(2);
    assertThat(service.rpc("claim_pending_orders", Map.of("p_worker", "other", "p_limit", 10, "p_lease_seconds", 60)).json())
        .as("leased to the first worker").isEmpty();
    supabase.database().update(Identity.superuser(), "update orders set lease_until = now() - interval '1 second'");
    assertThat(service.rpc("claim_pending_orders", Map.of("p_worker", "other", "p_limit", 10, "p_lease_seconds", 60)).json())
        .as("the crashed worker's lease expired").hasSize(2);
    PermissionException partnerTries = catchThrowableOfType(() -> PostgrestClient.builder().supabaseUrl(supabase.url())
        .apiKey(supabase.anonKey()).build().withUserJwt(supabase.userJwt(SampleData.GRAND_TRAVEL_USER))
        .rpc("claim_pending_orders", args).execute(), PermissionException.class);
    assertThat(partnerTries.remoteCode()).isEqualTo("42501");
  }

  void expireLeases() {
    supabase.database().update(Identity.superuser(), "update orders set lease_until = now() - interval '1 second' where lease_until is not null");
  }

  @Test
  void aFinalProviderRefusalFailsTheOrdersWithTheReasonAndCancelsEarnings() {
    sim.setInventory(SampleData.TR_1GB, 0);   // out of stock: no order was or will be placed
    Order o = as(SampleData.GRAND_TRAVEL_USER).orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 2, CallOptions.none()).get(0);
    FulfilmentReport r = fulfiller("w", Duration.ofSeconds(10), 30).runOnce();
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo("200011");
      assertThat(f.orderIds()).hasSize(2);
    });
    Order failed = as(SampleData.GRAND_TRAVEL_USER).orders().get(o.id());
    assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(failed.failureReason()).contains("OUT_OF_INVENTORY");
    assertThat(count("select count(*) from partner_earnings where status = 'cancelled'")).isEqualTo(2);
    assertThat(sim.count("esim/order")).as("not retried").isEqualTo(1);
  }

  @Test
  void aBatchTheProviderKeepsRefusingForAReasonWeDoNotKnowGoesToAPersonNotALoop() {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    sim.failNextWithCode("esim/order", "999999", 50);   // a code no document names, every time
    Order o = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 2, CallOptions.none()).get(0);
    FulfilmentWorker f = fulfiller("w", Duration.ZERO, 30);
    assertThat(f.runOnce().waiting()).isEqualTo(2);
    for (int pass = 0; pass < 10; pass++) {
      expireLeases();
      f.reconcile();
    }
    assertThat(sim.count("esim/order")).as("attempts are bounded").isEqualTo(5);
    assertThat(supabase.database().query(Identity.superuser(), "select provider_attempts, review_since is not null as in_review, "
        + "review_reason from orders where partner_id is not null and order_status = 'PROCESSING'")).hasSize(2).allSatisfy(r -> {
          assertThat(r.get("provider_attempts")).isEqualTo(5);
          assertThat(r.get("in_review")).isEqualTo(true);
          assertThat((String) r.get("review_reason")).contains("999999");
        });
    expireLeases();
    assertThat(f.reconcile().claimed()).as("reconcile leaves it to the person").isZero();
    BackendHealth health = backend.health(null, BackendHealth.Thresholds.defaults());
    assertThat(health.component("fulfilment").orElseThrow().status()).isEqualTo(BackendHealth.Status.DEGRADED);
    assertThat(health.component("fulfilment").orElseThrow().detail()).contains("2 needing a person");

    String txn = (String) supabase.database().value(Identity.superuser(), "select provider_transaction_id from orders where id = ?", o.id());
    assertThat(catchThrowableOfType(() -> backend.resolveOrderReview(txn, null, " "), uz.onesim.core.BadRequestException.class).code())
        .as("a person says how they know").isEqualTo("reason_required");
    assertThat(backend.resolveOrderReview(txn, null, "the provider's console shows no order for it")).isEqualTo("FAILED");
    assertThat(grand.orders().get(o.id()).status()).isEqualTo(OrderStatus.FAILED);
    assertThat(grand.orders().get(o.id()).failureReason()).startsWith("not placed (settled by a person)");
    assertThat(count("select count(*) from partner_earnings where status = 'cancelled'")).isEqualTo(2);
    assertThat(sim.charges()).as("nothing was ever charged").isZero();
  }

  @ParameterizedTest(name = "a replayed order is answered with 200008: {0}")
  @ValueSource(booleans = {false, true})
  void anOrderWhoseLookupFindsNothingIsNeverPlacedTwice(boolean replayRefused) {
    sim.timeRangeLookupFindsNothing(true);   // our lookup by transaction id finds nothing at all
    if (replayRefused) {
      sim.answerReplayedOrdersWithError("200008");
    }
    sim.failNext("esim/order", EsimAccessSimulator.Fault.LOST_RESPONSE, 1);   // placed, the answer lost
    Order o = pay(as(SampleData.CUSTOMER_USER).orders().buy(SampleData.TR_1GB, 1, CallOptions.none())).get(0);
    FulfilmentWorker f = fulfiller("w", Duration.ofSeconds(10), 30);
    f.runOnce();
    for (int pass = 0; pass < 8; pass++) {
      expireLeases();
      f.reconcile();
    }
    assertThat(sim.charges()).as("one order at the provider, whatever it answered").isEqualTo(1);
    String txn = (String) supabase.database().value(Identity.superuser(), "select provider_transaction_id from orders where id = ?", o.id());
    if (!replayRefused) {
      assertThat(as(SampleData.CUSTOMER_USER).orders().get(o.id()).status()).as("the replay returned the first order")
          .isEqualTo(OrderStatus.ALLOCATED);
      return;
    }
    // every replay refused and nothing found: a person, not a loop and not a second order
    assertThat(supabase.database().value(Identity.superuser(), "select review_since is not null from orders where id = ?", o.id()))
        .isEqualTo(true);
    assertThat(backend.resolveOrderReview(txn, sim.orderNoOf(txn), "the console shows it under our transaction id"))
        .isEqualTo("PROCESSING");
    f.reconcile();
    assertThat(as(SampleData.CUSTOMER_USER).orders().get(o.id()).status()).isEqualTo(OrderStatus.ALLOCATED);
    assertThat(sim.charges()).isEqualTo(1);
  }

  @Test
  void theProvidersBalanceRunningOutOrItsPriceMovingLeavesPaidOrdersWaitingNeverFailed() {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    sim.setBalanceUnits(0);   // 200007: OneSIM's account at the provider is empty
    Order o = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 2, CallOptions.none()).get(0);
    FulfilmentReport r = fulfiller("w", Duration.ofSeconds(10), 30).runOnce();
    assertThat(r.failures()).isEmpty();
    assertThat(r.waiting()).isEqualTo(2);
    Order waiting = grand.orders().get(o.id());
    assertThat(waiting.status()).isEqualTo(OrderStatus.PROCESSING);
    assertThat(waiting.failureReason()).startsWith("waiting: INSUFFICIENT_BALANCE (200007)");
    assertThat(count("select count(*) from partner_earnings where status = 'cancelled'")).isZero();
    assertThat(fulfiller("r", Duration.ZERO, 30).reconcile().allocated()).as("still empty: still waiting").isZero();
    sim.setBalanceUnits(100_000_000);   // operators top the account up
    expireLeases();                       // a waiting batch is tried again once its reconcile lease ends
    assertThat(fulfiller("r", Duration.ZERO, 30).reconcile().allocated()).isEqualTo(2);
    assertThat(sim.charges()).isEqualTo(1);

    // The price lock: the provider raised TR_1GB after our last sync. The order is refused (200005)
    // instead of silently costing more; the cost is re-synced; the next attempt pays the new price.
    supabase.database().update(Identity.superuser(), "insert into package_costs (package_code, wholesale_price_usd) values (?, 10.00) "
        + "on conflict (package_code) do update set wholesale_price_usd = 10.00", SampleData.TR_1GB);
    sim.setPrice(SampleData.TR_1GB, 120_000);
    Order dearer = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    assertThat(fulfiller("w", Duration.ofSeconds(10), 30).runOnce().waiting()).isEqualTo(1);
    assertThat(grand.orders().get(dearer.id()).failureReason()).startsWith("waiting: PRICE_MISMATCH (200005)");
    assertThat((BigDecimal) supabase.database().value(Identity.superuser(), "select wholesale_price_usd from package_costs "
        + "where package_code = ?", SampleData.TR_1GB)).isEqualByComparingTo("12.00");
    assertThat(fulfiller("r", Duration.ZERO, 30).reconcile().allocated()).isEqualTo(1);
    assertThat(grand.orders().get(dearer.id()).paid()).as("the partner's price never changes").isEqualTo(dearer.paid());
    assertThat(sim.charges()).as("the refused attempt charged nothing").isEqualTo(2);
    assertThat(sim.calls().stream().filter(c -> c.endpoint().equals("esim/order") && c.processed()).reduce((x, y) -> y).orElseThrow()
        .body()).contains("\"price\":120000");
  }

  @Test
  void allocationCompletesFromTheVerifiedWebhook() throws Exception {
    sim.setAllocationDelay(Duration.ofSeconds(30));
    Order o = pay(as(SampleData.CUSTOMER_USER).orders().buy(SampleData.TR_3GB, 1, CallOptions.none())).get(0);
    FulfilmentWorker f = fulfiller("hooked", Duration.ZERO, 30);
    assertThat(f.runOnce().waiting()).isEqualTo(1);
    ProviderEventHandler hooks = ProviderEventHandler.builder().verifyWith(esim).build();
    List<List<Order>> applied = new ArrayList<>();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    receiver.createContext("/hooks", ex -> {
      ProviderEventResult res = hooks.handle(ex.getRequestHeaders(), ex.getRequestBody().readAllBytes(), null);
      ex.sendResponseHeaders(res.httpStatus(), -1);
      ex.close();
      if (res.shouldApply()) {
        applied.add(f.onProviderEvent(res.event()));
      }
    });
    receiver.start();
    esim.saveWebhook("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
    sim.duplicateWebhooks(true);
    sim.clock().advance(Duration.ofSeconds(31));
    sim.deliverWebhooks();
    assertThat(applied.stream().mapToInt(List::size).sum()).isEqualTo(1);
    assertThat(as(SampleData.CUSTOMER_USER).orders().get(o.id()).status()).isEqualTo(OrderStatus.ALLOCATED);
  }

  @ParameterizedTest(name = "the provider redelivers a refused webhook: {0}")
  @ValueSource(booleans = {true, false})
  void anOrderStatusRefusedDuringAnOutageIsAllocatedUnderEitherReading(boolean redelivers) throws Exception {
    if (!redelivers) {
      sim.neverRedeliverWebhooks();
    }
    sim.setAllocationDelay(Duration.ofSeconds(30));
    Order o = pay(as(SampleData.CUSTOMER_USER).orders().buy(SampleData.TR_3GB, 1, CallOptions.none())).get(0);
    assertThat(fulfiller("placer", Duration.ZERO, 30).runOnce().waiting()).isEqualTo(1);
    ProviderEventReceiver inbox = backend.providerEventReceiverFromAnySender();
    List<Integer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    receiver.createContext("/hooks", ex -> {
      int status = inbox.receive(ex.getRequestBody().readAllBytes(), "127.0.0.1").httpStatus();
      answers.add(status);
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    receiver.start();
    sim.webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");

    supabase.stopPostgrest();   // OneSIM cannot store the event: it answers 503, the provider keeps it (or not)
    sim.clock().advance(Duration.ofSeconds(31));
    try {
      sim.deliverWebhooks();
    } finally {
      supabase.startPostgrest();
    }
    assertThat(answers).containsOnly(503);
    assertThat(sim.pendingWebhookRedeliveries()).isEqualTo(redelivers ? 1 : 0);
    sim.clock().advance(Duration.ofMinutes(1));
    sim.deliverWebhooks();
    FulfilmentWorker live = fulfiller("live", Duration.ZERO, 30);
    backend.providerEventWorker("events", live, LifecycleOptions.defaults()).runOnce();
    if (redelivers) {
      assertThat(answers).as("stored on redelivery").endsWith(200);
      assertThat(as(SampleData.CUSTOMER_USER).orders().get(o.id()).status()).isEqualTo(OrderStatus.ALLOCATED);
    } else {
      assertThat(count("select count(*) from provider_events")).as("the event is lost").isZero();
      live.reconcile();   // what the scheduler runs every 30 s
      assertThat(as(SampleData.CUSTOMER_USER).orders().get(o.id()).status()).isEqualTo(OrderStatus.ALLOCATED);
    }
    assertThat(sim.charges()).isEqualTo(1);
  }

  @ParameterizedTest(name = "strict day-pass readings: {0}")
  @ValueSource(booleans = {false, true})
  void aDayPassIsOrderedWithItsNumberOfDaysUnderEitherReading(boolean strict) {
    sim.dayPassRequiresPeriodNum(strict);   // strict: refused without periodNum, and priced per day
    sim.dayPassPricedPerDay(strict);
    long before = sim.balanceUnits();
    Order o = pay(as(SampleData.CUSTOMER_USER).orders().buy(SampleData.AE_DAY_PASS, 1, CallOptions.none())).get(0);
    assertThat(fulfiller("daypass", Duration.ofSeconds(10), 30).runOnce().allocated()).isEqualTo(1);
    assertThat(as(SampleData.CUSTOMER_USER).orders().get(o.id()).status()).isEqualTo(OrderStatus.ALLOCATED);
    assertThat(sim.calls().stream().filter(c -> c.endpoint().equals("esim/order")).map(EsimAccessSimulator.Call::body).toList())
        .singleElement().satisfies(body -> assertThat(body).contains("\"periodNum\":1"));
    assertThat(before - sim.balanceUnits()).as("one day of the pass, under either pricing").isEqualTo(666);
  }

  @ParameterizedTest(name = "a replayed order is answered with: {0}")
  @ValueSource(strings = {"the first order", "error 200008"})
  void faultyProviderDuringA200MemberBulkPurchaseEndsWithExactly200Profiles(String replay) {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    CustomerGroup g = grand.groups().create("Faulty", "TR", "Turkiya", null, null);
    grand.groups().addMembers(g.id(), newCustomers(SampleData.GRAND_TRAVEL_USER, 200, "x-"));
    grand.orders().buyForGroup(g.id(), SampleData.TR_1GB, CallOptions.none());
    EsimAccessSimulator faulty = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("100000")
        .timeoutDelay(Duration.ofMillis(800)).seed(11).build();
    faulty.answerReplayedOrdersWithError(replay.startsWith("error") ? "200008" : null);
    try {
      faulty.failRandomly("esim/order", 0.2, EsimAccessSimulator.Fault.HTTP_500, EsimAccessSimulator.Fault.TIMEOUT,
          EsimAccessSimulator.Fault.LOST_RESPONSE, EsimAccessSimulator.Fault.CONNECTION_RESET);
      faulty.failRandomly("esim/query", 0.2, EsimAccessSimulator.Fault.HTTP_500, EsimAccessSimulator.Fault.CONNECTION_RESET);
      OneSimBackend faultyBackend = OneSimBackend.builder().supabaseUrl(supabase.url())
          .serviceKey(supabase.secretKey()).esimAccess(client(faulty, 1)).build();
      FulfilmentWorker f = faultyBackend.fulfilmentWorker("faulty", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(5)));
      for (int pass = 0; pass < 30 && count("select count(*) from orders where order_status <> 'ALLOCATED'") > 0; pass++) {
        try {
          f.runOnce();
          f.reconcile();
        } catch (RuntimeException transientFailure) {
          // a pass may end on a provider fault; the next pass (or reconcile) carries on
        }
      }
      assertThat(count("select count(*) from orders where order_status = 'ALLOCATED'")).isEqualTo(200);
      assertThat(faulty.profileCount()).as("profiles bought").isEqualTo(200);
      assertThat(count("select count(distinct esim_tran_no) from orders")).isEqualTo(200);
      assertThat(100_000_0000L - faulty.balanceUnits()).as("charged for exactly 200").isEqualTo(200 * 100_000L);
    } finally {
      faulty.close();
    }
  }

  // ------------------------------------------------------------------ 6. cancellation

  @Test
  void anUnusedEsimIsCancelledAndRefundedAUsedOneIsNot() {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    List<Order> two = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 2, CallOptions.none());
    fulfiller("w", Duration.ofSeconds(10), 30).runOnce();
    assertThat(grand.dashboard().stats().totalSpent()).isEqualTo(Amounts.usd("28.50"));
    long balance = sim.balanceUnits();
    FulfilmentWorker admin = backend.fulfilmentWorker("admin");
    Order cancelled = admin.cancel(two.get(0).id());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(sim.balanceUnits() - balance).as("provider refund").isEqualTo(100_000L);
    assertThat(grand.dashboard().stats().totalSpent()).as("partner totals reversed").isEqualTo(Amounts.usd("14.25"));
    assertThat(count("select count(*) from partner_earnings where order_id = ? and status = 'cancelled'", two.get(0).id())).isEqualTo(1);

    sim.use(grand.orders().get(two.get(1).id()).esimTranNo(), 10_000);
    ConflictException used = catchThrowableOfType(() -> admin.cancel(two.get(1).id()), ConflictException.class);
    assertThat(used.code()).isEqualTo("esim_in_use");
    assertThat(grand.orders().get(two.get(1).id()).status()).isEqualTo(OrderStatus.ALLOCATED);
    assertThatThrownBy(() -> admin.cancel(two.get(0).id())).isInstanceOf(ConflictException.class);
  }

  // ------------------------------------------------------------------ 7. dashboard

  @Test
  void dashboardReproducesTheSpecsExampleInOneRoundTrip() {
    OneSim.UserSession grand = countedPartner(SampleData.GRAND_TRAVEL_USER, null);
    grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 47, CallOptions.none());
    fulfiller("w", Duration.ofSeconds(10), 30).runOnce();
    int before = partnerRequests.get();
    PartnerDashboard d = grand.dashboard(3);
    assertThat(partnerRequests.get() - before).isEqualTo(1);
    assertThat(d.stats().completedOrders()).isEqualTo(47);
    assertThat(d.stats().totalSpent()).isEqualTo(Amounts.usd("669.75"));
    assertThat(d.stats().retailValue()).isEqualTo(Amounts.usd("705.00"));
    assertThat(d.stats().totalSavings()).isEqualTo(Amounts.usd("35.25"));
    assertThat(d.stats().realizedDiscountPercent()).isEqualByComparingTo("5.00");
    assertThat(d.stats().effectiveRate()).isEqualTo(DiscountRate.of("5.00"));
    assertThat(d.stats().monthCompletedOrders()).isEqualTo(47);
    assertThat(d.recentOrders()).hasSize(3).allSatisfy(r -> {
      assertThat(r.retail()).isEqualTo(Amounts.usd("15.00"));
      assertThat(r.paid()).isEqualTo(Amounts.usd("14.25"));
      assertThat(r.savings()).isEqualTo(Amounts.usd("0.75"));
      assertThat(r.status()).isEqualTo(OrderStatus.ALLOCATED);
    });
    assertThat(d.customers()).filteredOn(c -> c.id().equals(SampleData.AZIZA)).singleElement()
        .satisfies(c -> assertThat(c.spent()).isEqualTo(Amounts.usd("669.75")));
    assertThat(d.groups()).extracting(PartnerDashboard.GroupLine::name).contains("Antalya Tour Group - Oct 2024");
  }

  // ------------------------------------------------------------------ 9. customers and groups

  @Test
  void customersAreSearchableAndPagedAndGroupsKeepTheirSize() {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    newCustomers(SampleData.GRAND_TRAVEL_USER, 30, "page-");
    var page = grand.customers().list(null, 0, 10);
    assertThat(page.total()).isEqualTo(32);
    assertThat(page.rows()).hasSize(10);
    assertThat(grand.customers().list("karimova", 0, 10).rows()).extracting(PartnerCustomer::id).containsExactly(SampleData.AZIZA);
    assertThat(grand.customers().list("+99890222", 0, 10).rows()).extracting(PartnerCustomer::id).containsExactly(SampleData.JAHONGIR);
    assertThat(grand.customers().list("page-1@", 0, 50).total()).isEqualTo(1);
    grand.groups().removeMember(SampleData.ANTALYA_GROUP, SampleData.AZIZA);
    assertThat(grand.groups().get(SampleData.ANTALYA_GROUP).groupSize()).isEqualTo(1);
    grand.groups().addMembers(SampleData.ANTALYA_GROUP, List.of(SampleData.AZIZA, SampleData.JAHONGIR));
    assertThat(grand.groups().get(SampleData.ANTALYA_GROUP).groupSize()).isEqualTo(2);
    PartnerCustomer renamed = grand.customers().update(SampleData.JAHONGIR, NewCustomer.of("Jahongir", "Hasanov", "jahongir@example.com", null));
    assertThat(renamed.lastName()).isEqualTo("Hasanov");
    assertThat(renamed.spent()).isEqualTo(Amounts.usd("0.00"));
    assertThatThrownBy(() -> grand.customers().save(NewCustomer.of(" ", "X", "bad", "123")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).hasSize(3));
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void badInputGetsATypedErrorWritesNothingAndCallsNoProvider() {
    OneSim.UserSession grand = countedPartner(SampleData.GRAND_TRAVEL_USER, null);
    int before = partnerRequests.get();
    assertThatThrownBy(() -> grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 0, CallOptions.none()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1001, CallOptions.none()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> grand.orders().buy(" ", 1, CallOptions.none())).isInstanceOf(ValidationException.class);
    assertThat(partnerRequests.get()).as("refused before any request").isEqualTo(before);

    NotFoundException unknown = catchThrowableOfType(() -> grand.orders().buyForCustomer(SampleData.AZIZA, "NO_SUCH", 1, CallOptions.none()),
        NotFoundException.class);
    assertThat(unknown.code()).isEqualTo("unknown_package");
    PermissionException foreign = catchThrowableOfType(() -> grand.orders().buyForCustomer(SampleData.BOBUR, SampleData.TR_1GB, 1, CallOptions.none()),
        PermissionException.class);
    assertThat(foreign.code()).isEqualTo("foreign_customer");
    NotFoundException foreignGroup = catchThrowableOfType(() -> as(SampleData.SILK_ROAD_USER).orders().buyForGroup(SampleData.ANTALYA_GROUP,
        SampleData.TR_1GB, CallOptions.none()), NotFoundException.class);
    assertThat(foreignGroup.code()).isEqualTo("unknown_group");
    PartnerAccount sleepy = supabase.createPartner("Sleepy", "sleepy@example.com", null, "suspended");
    UUID sam = (UUID) supabase.database().value(Identity.superuser(),
        "insert into partner_customers (partner_id, first_name, last_name, email) values (?, 'S', 'S', 's@example.com') returning id", sleepy.partnerId());
    PermissionException suspended = catchThrowableOfType(() -> as(sleepy.userId()).orders().buyForCustomer(sam, SampleData.TR_1GB, 1,
        CallOptions.none()), PermissionException.class);
    assertThat(suspended.code()).isEqualTo("partner_not_active");
    OneSim.UserSession expired = onesim.asUser(supabase.expiredJwt(SampleData.GRAND_TRAVEL_USER));
    assertThatThrownBy(() -> expired.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()))
        .isInstanceOf(AuthenticationException.class);
    assertThat(count("select count(*) from orders")).isZero();
    assertThat(fulfiller("w", Duration.ofSeconds(1), 30).runOnce().claimed()).isZero();
    assertThat(sim.calls()).isEmpty();
  }
}
