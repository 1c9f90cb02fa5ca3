package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.Amounts;
import uz.onesim.core.ApiException;
import uz.onesim.core.BadRequestException;
import uz.onesim.core.InsufficientBalanceException;
import uz.onesim.core.PaymentStatus;
import uz.onesim.core.PermissionException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.PartnerAccount;
import uz.onesim.testkit.SampleData;

/** Money comes in before an eSIM goes out: partner balances and shop payments (issue 17). */
class PaymentsTest {
  static LocalSupabase supabase;
  static OneSim onesim;
  static OneSim.UserSession admin;
  static PostgrestClient service;

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey()).build();
    admin = onesim.asUser(supabase.userJwt(SampleData.ADMIN_USER));
    service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.serviceRoleKey()).build();
  }

  static Object value(String sql, Object... params) {
    return supabase.database().value(Identity.superuser(), sql, params);
  }

  @Test
  void twoHundredConcurrentPurchasesOnABalanceForExactlyOneHundred() throws Exception {
    PartnerAccount p = supabase.createPartner("Hot Account Tours", "hot@tours.example", null, "active");   // 10 000.00 opening
    admin.admin().adjust(p.partnerId(), Amounts.usd("-8575.00"), "test: leave exactly 100 x 14.25");
    OneSim.UserSession partner = onesim.asUser(supabase.userJwt(p.userId()));
    PartnerCustomer c = partner.customers().save(NewCustomer.of("Hot", "Buyer", "hot.buyer@example.com", null));
    assertThat(partner.partner().balance().available()).isEqualTo(Amounts.usd("1425.00"));

    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    int ok = 0;
    int refused = 0;
    try {
      List<Future<String>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit((Callable<String>) () -> {
          go.await();
          try {
            partner.orders().buyForCustomer(c.id(), SampleData.TR_1GB, 1, CallOptions.none());
            return "ok";
          } catch (InsufficientBalanceException e) {
            return e.code();
          }
        }));
      }
      go.countDown();
      for (Future<String> f : results) {
        String r = f.get();
        if (r.equals("ok")) {
          ok++;
        } else {
          assertThat(r).isEqualTo("insufficient_balance");
          refused++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ok).isEqualTo(100);
    assertThat(refused).isEqualTo(100);
    assertThat(partner.partner().balance().balance()).isEqualTo(Amounts.usd("0.00"));
    assertThat((BigDecimal) value("select sum(amount_usd) from partner_ledger where partner_id = ?", p.partnerId()))
        .isEqualByComparingTo("0.00");
    assertThat(value("select count(*) from orders where partner_id = ?", p.partnerId())).isEqualTo(100L);
    assertThat(value("select count(*) from orders o where o.partner_id = ? and (select count(*) from partner_ledger l "
        + "where l.order_id = o.id and l.kind = 'purchase') <> 1", p.partnerId())).as("orders without exactly one debit").isEqualTo(0L);
    assertThat(value("select count(*) from partner_ledger l where l.partner_id = ? and l.kind = 'purchase' and not exists "
        + "(select 1 from orders o where o.id = l.order_id)", p.partnerId())).as("debits without their order").isEqualTo(0L);
  }

  @Test
  void aFailedPaidOrderIsCreditedBackOnceAndTheLedgerCannotBeRewritten() {
    OneSim.UserSession grand = onesim.asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    BigDecimal before = Amounts.decimal(grand.partner().balance().balance());
    Order o = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    assertThat(o.paymentStatus()).isEqualTo(PaymentStatus.PAID);
    assertThat(Amounts.decimal(grand.partner().balance().balance())).isEqualByComparingTo(before.subtract(new BigDecimal("14.25")));
    service.from("orders").update(Map.of("order_status", "FAILED", "failure_reason", "provider refused")).eq("id", o.id()).execute();
    service.from("orders").update(Map.of("order_status", "FAILED")).eq("id", o.id()).execute();   // repeated: no second credit
    assertThat(Amounts.decimal(grand.partner().balance().balance())).isEqualByComparingTo(before);
    assertThat(value("select count(*) from partner_ledger where order_id = ? and kind = 'refund'", o.id())).isEqualTo(1L);

    long rows = (Long) value("select count(*) from partner_ledger");
    for (Runnable tamper : List.<Runnable>of(
        () -> service.from("partner_ledger").update(Map.of("amount_usd", 1)).eq("order_id", o.id()).execute(),
        () -> service.from("partner_ledger").delete().eq("order_id", o.id()).execute(),
        () -> admin.admin().adjust(SampleData.GRAND_TRAVEL, Amounts.usd("0.00"), "nothing"),
        () -> grand.admin().fundBalance(SampleData.GRAND_TRAVEL, Amounts.usd("1000000.00"), "self-service"))) {
      assertThat(catchThrowableOfType(tamper::run, ApiException.class)).isNotNull();
    }
    assertThat(value("select count(*) from partner_ledger")).isEqualTo(rows);
    assertThat(catchThrowableOfType(() -> service.from("partners").update(Map.of("balance_usd", 1000000))
        .eq("id", SampleData.GRAND_TRAVEL).execute(), PermissionException.class)).isNotNull();
  }

  @Test
  void shopOrdersArePaidByConfirmationWithTheExactAmountOnce() {
    OneSim.UserSession dilnoza = onesim.asUser(supabase.userJwt(SampleData.CUSTOMER_USER));
    List<Order> cart = dilnoza.orders().buy(SampleData.TR_1GB, 2, CallOptions.none());
    List<UUID> ids = cart.stream().map(Order::id).toList();
    assertThat(cart).allSatisfy(o -> assertThat(o.paymentStatus()).isEqualTo(PaymentStatus.AWAITING_PAYMENT));

    BadRequestException wrongAmount = catchThrowableOfType(() -> service.rpc("confirm_payment", Map.of("p_order_ids", ids,
        "p_provider", "payme", "p_reference", "tx-1", "p_amount", new BigDecimal("15.00"), "p_currency", "USD")).execute(),
        BadRequestException.class);
    assertThat(wrongAmount.code()).isEqualTo("amount_mismatch");
    BadRequestException wrongCurrency = catchThrowableOfType(() -> service.rpc("confirm_payment", Map.of("p_order_ids", ids,
        "p_provider", "payme", "p_reference", "tx-1", "p_amount", new BigDecimal("30.00"), "p_currency", "UZS")).execute(),
        BadRequestException.class);
    assertThat(wrongCurrency.code()).isEqualTo("amount_mismatch");
    assertThat(value("select count(*) from orders where id in (?, ?) and payment_status = 'paid'", ids.get(0), ids.get(1)))
        .isEqualTo(0L);
    Map<String, Object> ok = Map.of("p_order_ids", ids, "p_provider", "payme", "p_reference", "tx-1",
        "p_amount", new BigDecimal("379500"), "p_currency", "UZS");
    assertThat(service.rpc("confirm_payment", ok).json()).hasSize(2);
    assertThat(service.rpc("confirm_payment", ok).json()).as("the same reference again: the same orders").hasSize(2);
    assertThat(value("select count(*) from payments where reference = 'tx-1'")).isEqualTo(1L);
    assertThat(dilnoza.orders().get(ids.get(0)).paymentStatus()).isEqualTo(PaymentStatus.PAID);
    PermissionException byUser = catchThrowableOfType(() -> raw(SampleData.CUSTOMER_USER).rpc("confirm_payment", ok).execute(),
        PermissionException.class);
    assertThat(byUser.code()).isEqualTo("backend_only");
  }

  @Test
  void unpaidOrdersExpireAndLeaveNothingToFulfil() {
    OneSim.UserSession dilnoza = onesim.asUser(supabase.userJwt(SampleData.CUSTOMER_USER));
    Order o = dilnoza.orders().buy(SampleData.TR_3GB, 1, CallOptions.none()).get(0);
    supabase.database().update(Identity.superuser(), "update orders set created_at = now() - interval '2 hours' where id = ?", o.id());
    int expired = new BigDecimal(service.rpc("expire_unpaid_orders", Map.of("p_older_than", "3600 seconds")).execute().body().trim())
        .intValueExact();
    assertThat(expired).isGreaterThanOrEqualTo(1);
    Order after = dilnoza.orders().get(o.id());
    assertThat(after.paymentStatus()).isEqualTo(PaymentStatus.EXPIRED);
    assertThat(after.status()).isEqualTo(uz.onesim.core.OrderStatus.FAILED);
    assertThat(service.rpc("claim_pending_orders", Map.of("p_worker", "w", "p_limit", 1000)).json())
        .noneMatch(n -> n.path("id").asText().equals(o.id().toString()));
  }

  @Test
  void lowBalanceRaisesOneAlertPerCrossingAndTheStatementReconcilesToTheLedger() throws Exception {
    PartnerAccount p = supabase.createPartner("Alert Tours", "alert@tours.example", null, "active");   // 10 000.00 opening
    admin.admin().setLowBalanceThreshold(p.partnerId(), Amounts.usd("100.00"));
    OneSim.UserSession partner = onesim.asUser(supabase.userJwt(p.userId()));
    PartnerCustomer c = partner.customers().save(NewCustomer.of("Alert", "Buyer", "alert.buyer@example.com", null));
    admin.admin().adjust(p.partnerId(), Amounts.usd("-9890.00"), "test: just above the threshold");   // 110.00
    assertThat(value("select count(*) from partner_alerts where partner_id = ?", p.partnerId())).isEqualTo(0L);
    partner.orders().buyForCustomer(c.id(), SampleData.TR_1GB, 1, CallOptions.none());   // 95.75: crosses
    partner.orders().buyForCustomer(c.id(), SampleData.TR_1GB, 1, CallOptions.none());   // 81.50: still below, no second alert
    assertThat(value("select count(*) from partner_alerts where partner_id = ?", p.partnerId())).isEqualTo(1L);
    admin.admin().fundBalance(p.partnerId(), Amounts.usd("100.00"), "BANK-ALERT-1");        // 181.50: back above, alert closed
    admin.admin().adjust(p.partnerId(), Amounts.usd("-100.00"), "test: cross again");  // 81.50: a new crossing
    assertThat(value("select count(*) from partner_alerts where partner_id = ?", p.partnerId())).isEqualTo(2L);
    assertThat(value("select count(*) from partner_alerts where partner_id = ? and resolved_at is null", p.partnerId())).isEqualTo(1L);
    assertThat(admin.admin().balances()).anySatisfy(b -> {
      assertThat(b.partnerId()).isEqualTo(p.partnerId());
      assertThat(b.balanceLowSince()).isNotNull();
      assertThat(b.available()).isEqualTo(b.balance().add(b.creditLimit()));
    });

    java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
    PartnerStatement st = partner.partner().statement(month);
    assertThat(st.purchases()).isEqualTo(2);
    assertThat(st.purchasesPaid()).isEqualTo(Amounts.usd("28.50"));
    assertThat(st.purchasesRetail()).isEqualTo(Amounts.usd("30.00"));
    assertThat(st.purchasesDiscount()).isEqualTo(Amounts.usd("1.50"));
    assertThat(st.purchasesPaidUzs()).isEqualTo(Amounts.uzs(360_526));
    assertThat(st.closing()).isEqualTo(st.opening().add(st.funding()).subtract(st.purchasesPaid()).add(st.refunds()).add(st.adjustments()));
    assertThat(st.closing()).isEqualTo(partner.partner().balance().balance());
    assertThat(partner.partner().statement(month.plusMonths(1)).opening()).isEqualTo(st.closing());

    StringBuilder csv = new StringBuilder();
    partner.partner().ledgerCsv(month, csv);
    assertThat(csv.toString().lines().count() - 1).isEqualTo(
        (Long) value("select count(*) from partner_ledger where partner_id = ?", p.partnerId()));
    assertThat(csv.toString()).contains(",purchase,-14.25,").contains("\"test: just above the threshold\"".replace("\"", ""));
    // each purchase line carries its order's money in USD and in som at that order's FX snapshot
    assertThat(csv.toString().lines().filter(l -> l.contains(",purchase,")))
        .hasSize(2).allSatisfy(l -> assertThat(l).contains("," + SampleData.TR_1GB + ",15.00,0.75,14.25,12650.0000,189750,9487,180263,"));
    assertThat(csv.toString().lines().findFirst()).hasValue("id,created_at,kind,amount_usd,order_id,package_code,retail_usd,"
        + "discount_usd,paid_usd,fx_rate_uzs,retail_uzs,discount_uzs,paid_uzs,reference,reason");
  }

  static PostgrestClient raw(UUID user) {
    return PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey()).build().withUserJwt(supabase.userJwt(user));
  }
}
