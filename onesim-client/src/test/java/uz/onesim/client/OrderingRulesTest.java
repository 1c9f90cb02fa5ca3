package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.core.ApiException;
import uz.onesim.core.BadRequestException;
import uz.onesim.core.ConflictException;
import uz.onesim.core.NotFoundException;
import uz.onesim.core.PermissionException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** Each caller on its own call, and idempotency keys that behave like a payment API's (issue 16). */
class OrderingRulesTest {
  static LocalSupabase supabase;
  static OneSim onesim;

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey()).build();
  }

  static OneSim.UserSession as(UUID user) {
    return onesim.asUser(supabase.userJwt(user));
  }

  static long orders() {
    return (Long) supabase.database().value(Identity.superuser(), "select count(*) from orders");
  }

  @Test
  void aPartnerCallingTheConsumerPurchaseIsToldTheRightCallAndNothingIsWritten() {
    long before = orders();
    BadRequestException e = catchThrowableOfType(() -> as(SampleData.GRAND_TRAVEL_USER).orders()
        .buy(SampleData.TR_1GB, 1, CallOptions.none()), BadRequestException.class);
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("use_partner_order");
    assertThat(e.getMessage()).contains("buyForCustomer");
    assertThat(orders()).isEqualTo(before);
  }

  @Test
  void aConsumerCallingAPartnerPurchaseIsToldTheRightCallAndNothingIsWritten() {
    long before = orders();
    PermissionException e = catchThrowableOfType(() -> as(SampleData.CUSTOMER_USER).orders()
        .buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()), PermissionException.class);
    assertThat(e.code()).isEqualTo("not_a_partner");
    assertThat(e.getMessage()).contains("buy");
    assertThat(orders()).isEqualTo(before);
  }

  @Test
  void aNonPartnerAskingForItsPartnerProfileGetsNotAPartner() {
    NotFoundException e = catchThrowableOfType(() -> as(SampleData.CUSTOMER_USER).partner().get(), NotFoundException.class);
    assertThat(e.code()).isEqualTo("not_a_partner");
  }

  @Test
  void theSameKeyWithADifferentRequestIsRefusedAndWritesNothing() {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    String key = "booking-" + UUID.randomUUID();
    List<Order> first = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 2, CallOptions.idempotencyKey(key));
    assertThat(grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 2, CallOptions.idempotencyKey(key)))
        .extracting(Order::id).containsExactlyElementsOf(first.stream().map(Order::id).toList());
    long before = orders();
    ConflictException e = catchThrowableOfType(() -> grand.orders()
        .buyForCustomer(SampleData.AZIZA, "TR_3GB_15D", 1, CallOptions.idempotencyKey(key)), ConflictException.class);
    assertThat(e.code()).isEqualTo("idempotency_key_reused");
    assertThat(orders()).isEqualTo(before);

    String consumerKey = "cart-" + UUID.randomUUID();
    OneSim.UserSession dilnoza = as(SampleData.CUSTOMER_USER);
    dilnoza.orders().buy(SampleData.TR_1GB, 1, CallOptions.idempotencyKey(consumerKey));
    ConflictException b2c = catchThrowableOfType(() -> dilnoza.orders().buy("TR_3GB_15D", 1, CallOptions.idempotencyKey(consumerKey)),
        ConflictException.class);
    assertThat(b2c.code()).isEqualTo("idempotency_key_reused");
  }

  @Test
  void keysAreScopedPerUser() {
    String key = "shared-" + UUID.randomUUID();
    List<Order> grand = as(SampleData.GRAND_TRAVEL_USER).orders()
        .buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.idempotencyKey(key));
    List<Order> silk = as(SampleData.SILK_ROAD_USER).orders()
        .buyForCustomer(SampleData.BOBUR, SampleData.TR_1GB, 1, CallOptions.idempotencyKey(key));
    assertThat(silk.get(0).id()).isNotEqualTo(grand.get(0).id());
  }

  @Test
  void concurrentCallsWithOneKeyMakeOneSetOfOrdersAndEveryCallerGetsIt() throws Exception {
    OneSim.UserSession grand = as(SampleData.GRAND_TRAVEL_USER);
    String key = "race-" + UUID.randomUUID();
    long before = orders();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<List<UUID>>> calls = IntStream.range(0, 8).<Callable<List<UUID>>>mapToObj(i -> () -> grand.orders()
          .buyForCustomers(List.of(SampleData.AZIZA, SampleData.JAHONGIR), SampleData.TR_1GB, CallOptions.idempotencyKey(key))
          .stream().map(Order::id).toList()).toList();
      Set<List<UUID>> answers = pool.invokeAll(calls).stream().map(OrderingRulesTest::get).collect(Collectors.toSet());
      assertThat(answers).hasSize(1);
      assertThat(answers.iterator().next()).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
    assertThat(orders() - before).isEqualTo(2);
  }

  @Test
  void aQuoteIsWhatThePurchaseThenCostsForPartnersAndConsumers() {
    OneSim.UserSession silk = as(SampleData.SILK_ROAD_USER);
    Quote q = silk.orders().quote(SampleData.TR_1GB, 3);
    assertThat(q.rate()).isEqualTo(uz.onesim.core.DiscountRate.of("10"));
    assertThat(q.unit().paid()).isEqualTo(uz.onesim.core.Amounts.usd("13.50"));
    List<Order> bought = silk.orders().buyForCustomer(SampleData.BOBUR, SampleData.TR_1GB, 3, CallOptions.none());
    assertThat(bought).allSatisfy(o -> {
      assertThat(o.paid()).isEqualTo(q.unit().paid());
      assertThat(o.discount()).isEqualTo(q.unit().discount());
      assertThat(o.paidUzs()).isEqualTo(q.unit().paidUzs());
    });
    assertThat(q.total().paid()).isEqualTo(uz.onesim.core.Amounts.usd("40.50"));

    Quote retail = as(SampleData.CUSTOMER_USER).orders().quote(SampleData.TR_1GB, 1);
    assertThat(retail.rate()).isEqualTo(uz.onesim.core.DiscountRate.ZERO);
    assertThat(retail.unit().paidUzs()).isEqualTo(uz.onesim.core.Amounts.uzs(189_750));
    assertThat(catchThrowableOfType(() -> as(SampleData.CUSTOMER_USER).orders().quote("NOPE_1GB", 1), NotFoundException.class))
        .isNotNull();
  }

  static List<UUID> get(Future<List<UUID>> f) {
    try {
      return f.get();
    } catch (Exception e) {
      throw new AssertionError(e.getCause() instanceof ApiException a ? a.getMessage() : e);
    }
  }
}
