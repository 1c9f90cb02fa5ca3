package uz.onesim.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/**
 * The third outside review's leaks and money defects (issue 25), each through the real PostgREST
 * with real JWTs, on the sample data put back before every test.
 */
@org.junit.jupiter.api.parallel.ResourceLock(LocalSupabaseExtension.SHARED_STACK)
@ExtendWith(LocalSupabaseExtension.class)
class ReviewThreeTest {
  static final Identity OWNER = Identity.superuser();
  LocalSupabase supabase;
  LocalDatabase db;

  @BeforeEach
  void setUp(LocalSupabase supabase) {
    this.supabase = supabase;
    this.db = supabase.database();
  }

  Http.Resp rpc(String bearer, String function, String body) {
    return Http.send(supabase.url(), "POST", "/rest/v1/rpc/" + function, supabase.anonKey(), bearer, body);
  }

  Http.Resp service(String method, String path, String body) {
    return Http.send(supabase.url(), method, path, supabase.serviceRoleKey(), null, body, "Prefer", "return=representation");
  }

  String jwt(UUID user) {
    return supabase.userJwt(user);
  }

  long count(String sql, Object... params) {
    return ((Number) db.value(OWNER, sql, params)).longValue();
  }

  BigDecimal balance(UUID partner) {
    return (BigDecimal) db.value(OWNER, "select balance_usd from partners where id = ?", partner);
  }

  /** An integration credential of Grand Travel with a user of its own; revoked if asked. */
  UUID integrationUser(boolean revoked) {
    UUID user = supabase.createUser("key-" + UUID.randomUUID() + "@integrations.onesim.uz", "partner");
    db.update(OWNER, "insert into partner_credentials (id, partner_id, user_id, label, revoked_at) values (?, ?, ?, 'ci', "
        + (revoked ? "now()" : "null") + ")", UUID.randomUUID(), SampleData.GRAND_TRAVEL, user);
    return user;
  }

  /** A partner order of {@code partner}'s customer, allocated by the backend. */
  UUID allocatedPartnerOrder(UUID partnerUser, UUID customer) {
    Http.Resp r = rpc(jwt(partnerUser), "place_partner_order", "{\"p_customer_id\":\"" + customer + "\",\"p_package_code\":\"" + SampleData.TR_1GB + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String id = r.rows().get(0).path("id").asText();
    allocate(id);
    return UUID.fromString(id);
  }

  void allocate(String id) {
    assertThat(service("PATCH", "/rest/v1/orders?id=eq." + id, "{\"order_status\":\"PROCESSING\"}").status()).isEqualTo(200);
    Http.Resp done = service("PATCH", "/rest/v1/orders?id=eq." + id,
        "{\"order_status\":\"ALLOCATED\",\"esim_tran_no\":\"T-" + id.substring(0, 8) + "\",\"iccid\":\"8990" + Math.abs(id.hashCode()) + "\"}");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
  }

  @Test
  void anIntegrationCredentialsUserCannotApplyLiveOrRevokedAndActsForNoOtherPartner() {
    long partners = count("select count(*) from partners");
    for (boolean revoked : new boolean[] {false, true}) {
      UUID user = integrationUser(revoked);
      Http.Resp r = rpc(jwt(user), "apply_as_partner", "{\"p_company_name\":\"Side Business\",\"p_business_email\":\"side@example.com\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(403);
      assertThat(r.json().path("details").asText()).isEqualTo("integration_user");
      Http.Resp mine = Http.send(supabase.url(), "GET", "/rest/v1/partners?select=id", supabase.anonKey(), jwt(user), null);
      assertThat(mine.ids("id")).as("revoked " + revoked).isEqualTo(revoked ? java.util.Set.of() : java.util.Set.of(SampleData.GRAND_TRAVEL.toString()));
    }
    assertThat(count("select count(*) from partners")).isEqualTo(partners);
    // and no path makes one the owner of a partner, not even an approval by hand
    UUID user = integrationUser(false);
    Http.Resp insert = service("POST", "/rest/v1/partners", "{\"user_id\":\"" + user + "\",\"company_name\":\"X\",\"business_email\":\"x@example.com\"}");
    assertThat(insert.status()).as(insert.body()).isIn(403, 400);
    assertThat(count("select count(*) from partners")).isEqualTo(partners);
  }

  @Test
  void aPartnersOwnerPaysRetailForATopUpOfItsOwnShopEsim() {
    db.update(OWNER, "insert into orders (id, user_id, source_type, package_code, order_status, payment_status, esim_tran_no, iccid) "
        + "values (?, ?, 'b2c', ?, 'ALLOCATED', 'paid', 'T-SHOP-1', '8990000000000000001')", UUID.fromString("d0000000-0000-4000-8000-000000000001"),
        SampleData.GRAND_TRAVEL_USER, SampleData.TR_1GB);
    String order = "d0000000-0000-4000-8000-000000000001";
    Http.Resp options = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "topup_options", "{\"p_order_id\":\"" + order + "\"}");
    assertThat(options.status()).as(options.body()).isEqualTo(200);
    JsonNode option = options.rows().get(0);
    assertThat(option.path("discount_rate").decimalValue()).isEqualByComparingTo("0");
    assertThat(option.path("your_price_usd").decimalValue()).isEqualByComparingTo(option.path("retail_usd").decimalValue());
    BigDecimal before = balance(SampleData.GRAND_TRAVEL);
    Http.Resp bought = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "buy_topup", "{\"p_order_id\":\"" + order + "\",\"p_package_code\":\"TR_TOPUP_1GB\"}");
    assertThat(bought.status()).as(bought.body()).isEqualTo(200);
    assertThat(bought.json().path("paid_usd").decimalValue()).isEqualByComparingTo("6.00");
    assertThat(bought.json().path("discount_usd").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(bought.json().path("partner_id").isNull()).isTrue();
    assertThat(bought.json().path("payment_status").asText()).as("billed through the payment provider").isEqualTo("awaiting_payment");
    assertThat(balance(SampleData.GRAND_TRAVEL)).isEqualByComparingTo(before);
  }

  @Test
  void aSuspendedOrDeactivatedPartnerCannotTopUpFromItsBalance() {
    UUID order = allocatedPartnerOrder(SampleData.GRAND_TRAVEL_USER, SampleData.AZIZA);
    for (String standing : new String[] {"suspended", "deactivated"}) {
      db.update(OWNER, "update partners set status = ? where id = ?", standing, SampleData.GRAND_TRAVEL);
      BigDecimal before = balance(SampleData.GRAND_TRAVEL);
      long topups = count("select count(*) from topups");
      Http.Resp bought = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "buy_topup", "{\"p_order_id\":\"" + order + "\",\"p_package_code\":\"TR_TOPUP_1GB\"}");
      assertThat(bought.status()).as(bought.body()).isEqualTo(403);
      assertThat(bought.json().path("details").asText()).isEqualTo("partner_not_active");
      Http.Resp options = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "topup_options", "{\"p_order_id\":\"" + order + "\"}");
      assertThat(options.status()).as("no price is quoted either: " + options.body()).isEqualTo(403);
      assertThat(balance(SampleData.GRAND_TRAVEL)).isEqualByComparingTo(before);
      assertThat(count("select count(*) from topups")).isEqualTo(topups);
    }
  }

  @Test
  void aTopUpThatCostsNothingIsPaidWithoutALedgerRowLikeAnOrder() {
    UUID order = allocatedPartnerOrder(SampleData.SILK_ROAD_USER, SampleData.BOBUR);
    db.update(OWNER, "update partners set custom_discount_rate = 100 where id = ?", SampleData.SILK_ROAD);
    long ledger = count("select count(*) from partner_ledger");
    Http.Resp bought = rpc(jwt(SampleData.SILK_ROAD_USER), "buy_topup", "{\"p_order_id\":\"" + order + "\",\"p_package_code\":\"TR_TOPUP_1GB\"}");
    assertThat(bought.status()).as(bought.body()).isEqualTo(200);
    assertThat(bought.json().path("paid_usd").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(bought.json().path("payment_status").asText()).isEqualTo("paid");
    assertThat(count("select count(*) from partner_ledger")).isEqualTo(ledger);
    Http.Resp free = rpc(jwt(SampleData.SILK_ROAD_USER), "place_partner_order",
        "{\"p_customer_id\":\"" + SampleData.BOBUR + "\",\"p_package_code\":\"" + SampleData.TR_1GB + "\"}");
    assertThat(free.status()).as("an order at the same rate, the same rule").isEqualTo(200);
    assertThat(free.rows().get(0).path("payment_status").asText()).isEqualTo("paid");
    assertThat(count("select count(*) from partner_ledger")).isEqualTo(ledger);
  }

  @Test
  void aFailedOrCancelledPartnerOrderIsRefundedOnceAndSaysSo() {
    BigDecimal start = balance(SampleData.GRAND_TRAVEL);
    UUID failed = allocatedPartnerOrder(SampleData.GRAND_TRAVEL_USER, SampleData.AZIZA);
    Http.Resp cancel = service("PATCH", "/rest/v1/orders?id=eq." + failed, "{\"order_status\":\"CANCELLED\"}");
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    assertThat(db.value(OWNER, "select payment_status from orders where id = ?", failed)).isEqualTo("refunded");
    assertThat(count("select count(*) from partner_ledger where order_id = ? and kind = 'refund'", failed)).isEqualTo(1);
    Http.Resp r = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "place_partner_order",
        "{\"p_customer_id\":\"" + SampleData.AZIZA + "\",\"p_package_code\":\"" + SampleData.TR_1GB + "\"}");
    String pending = r.rows().get(0).path("id").asText();
    assertThat(service("PATCH", "/rest/v1/orders?id=eq." + pending, "{\"order_status\":\"FAILED\"}").status()).isEqualTo(200);
    assertThat(db.value(OWNER, "select payment_status from orders where id = ?::uuid", pending)).isEqualTo("refunded");
    assertThat(balance(SampleData.GRAND_TRAVEL)).as("both paid back").isEqualByComparingTo(start);
  }

  @Test
  void theStatementsPurchaseMoneyIncludesTopUpsInBothCurrencies() {
    UUID order = allocatedPartnerOrder(SampleData.GRAND_TRAVEL_USER, SampleData.AZIZA);
    allocatedPartnerOrder(SampleData.GRAND_TRAVEL_USER, SampleData.JAHONGIR);
    Http.Resp topup = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "buy_topup", "{\"p_order_id\":\"" + order + "\",\"p_package_code\":\"TR_TOPUP_1GB\"}");
    assertThat(topup.status()).as(topup.body()).isEqualTo(200);
    Http.Resp st = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "partner_statement", "{\"p_month\":\"" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "\"}");
    assertThat(st.status()).as(st.body()).isEqualTo(200);
    JsonNode s = st.json();
    assertThat(s.path("purchases_count").asInt()).isEqualTo(3);
    assertThat(s.path("purchases_retail_usd").decimalValue()).isEqualByComparingTo("36.00");
    assertThat(s.path("purchases_discount_usd").decimalValue()).isEqualByComparingTo("1.80");
    assertThat(s.path("purchases_paid_usd").decimalValue()).isEqualByComparingTo("34.20");
    assertThat(s.path("purchases_retail_usd").decimalValue().subtract(s.path("purchases_discount_usd").decimalValue()))
        .isEqualByComparingTo(s.path("purchases_paid_usd").decimalValue());
    BigDecimal paidUzs = (BigDecimal) db.value(OWNER, "select (select sum(price_uzs) from orders where partner_id = ?) + "
        + "(select sum(paid_uzs) from topups where partner_id = ?)", SampleData.GRAND_TRAVEL, SampleData.GRAND_TRAVEL);
    assertThat(s.path("purchases_paid_uzs").decimalValue()).isEqualByComparingTo(paidUzs);
    assertThat(s.path("purchases_paid_uzs").decimalValue().scale()).as("whole som").isLessThanOrEqualTo(0);
  }

  @Test
  void aPartnerOrderTheServiceRoleInsertsAlreadyPaidIsDebitedAllTheSame() {
    BigDecimal before = balance(SampleData.GRAND_TRAVEL);
    Http.Resp r = service("POST", "/rest/v1/orders", "{\"source_type\":\"b2b_partner\",\"partner_id\":\"" + SampleData.GRAND_TRAVEL
        + "\",\"end_customer_id\":\"" + SampleData.AZIZA + "\",\"package_code\":\"" + SampleData.TR_1GB + "\",\"payment_status\":\"paid\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.rows().get(0).path("id").asText();
    assertThat(count("select count(*) from partner_ledger where order_id = ?::uuid and kind = 'purchase'", id)).isEqualTo(1);
    assertThat(balance(SampleData.GRAND_TRAVEL)).isEqualByComparingTo(before.subtract(new BigDecimal("14.25")));
    Http.Resp refunded = service("POST", "/rest/v1/orders", "{\"source_type\":\"b2b_partner\",\"partner_id\":\"" + SampleData.GRAND_TRAVEL
        + "\",\"end_customer_id\":\"" + SampleData.AZIZA + "\",\"package_code\":\"" + SampleData.TR_1GB + "\",\"payment_status\":\"refunded\"}");
    assertThat(refunded.status()).as(refunded.body()).isEqualTo(400);
  }

  @Test
  void nobodyReviewsTheirOwnApplicationAndARateIsBounded() {
    UUID otherAdmin = supabase.createUser("second-admin@onesim.uz", "admin");
    Http.Resp applied = rpc(jwt(otherAdmin), "apply_as_partner", "{\"p_company_name\":\"Admin's Agency\",\"p_business_email\":\"a@example.com\"}");
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    String partner = applied.json().path("id").asText();
    Http.Resp own = rpc(jwt(otherAdmin), "review_partner", "{\"p_partner_id\":\"" + partner + "\",\"p_to_status\":\"active\",\"p_custom_discount_rate\":100}");
    assertThat(own.status()).as(own.body()).isEqualTo(403);
    assertThat(own.json().path("details").asText()).isEqualTo("own_application");
    Http.Resp patch = Http.send(supabase.url(), "PATCH", "/rest/v1/partners?id=eq." + partner, supabase.anonKey(), jwt(otherAdmin),
        "{\"status\":\"active\"}");
    assertThat(patch.status()).as("nor by a direct PATCH: " + patch.body()).isEqualTo(403);
    Http.Resp tooHigh = rpc(jwt(SampleData.ADMIN_USER), "review_partner", "{\"p_partner_id\":\"" + partner + "\",\"p_to_status\":\"active\",\"p_custom_discount_rate\":50.01}");
    assertThat(tooHigh.status()).as(tooHigh.body()).isEqualTo(400);
    assertThat(tooHigh.json().path("details").asText()).isEqualTo("invalid_rate");
    Http.Resp ok = rpc(jwt(SampleData.ADMIN_USER), "review_partner", "{\"p_partner_id\":\"" + partner + "\",\"p_to_status\":\"active\",\"p_custom_discount_rate\":50}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(db.value(OWNER, "select status from partners where id = ?::uuid", partner)).isEqualTo("active");
  }

  @Test
  void aRejectedApplicantWhoAppliesAgainGetsANamedRefusal() {
    UUID user = supabase.createUser("hopeful@example.com", "customer");
    Http.Resp applied = rpc(jwt(user), "apply_as_partner", "{\"p_company_name\":\"Hopeful\",\"p_business_email\":\"h@example.com\"}");
    String partner = applied.json().path("id").asText();
    Http.Resp waiting = Http.send(supabase.url(), "POST", "/rest/v1/orders", supabase.anonKey(), jwt(user),
        "{\"source_type\":\"b2c\",\"package_code\":\"" + SampleData.TR_1GB + "\"}", "Prefer", "return=representation");
    assertThat(waiting.status()).as("an applicant still shops at retail: " + waiting.body()).isEqualTo(201);
    assertThat(waiting.rows().get(0).path("price_usd").decimalValue()).isEqualByComparingTo("15.00");
    assertThat(rpc(jwt(SampleData.ADMIN_USER), "review_partner", "{\"p_partner_id\":\"" + partner + "\",\"p_to_status\":\"rejected\",\"p_reason\":\"no licence\"}")
        .status()).isEqualTo(200);
    Http.Resp again = rpc(jwt(user), "apply_as_partner", "{\"p_company_name\":\"Hopeful\",\"p_business_email\":\"h@example.com\"}");
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.json().path("details").asText()).isEqualTo("application_rejected");
  }

  @Test
  void purchasesTopUpsAndDirectInsertsOnOneBalanceNeverDeadlock() throws Exception {
    UUID order = allocatedPartnerOrder(SampleData.GRAND_TRAVEL_USER, SampleData.AZIZA);
    // a balance that runs out part-way, so refusals (402) mix with successes
    db.update(OWNER, "insert into partner_ledger (partner_id, kind, amount_usd, reason) values (?, 'adjustment', ?, 'test')",
        SampleData.GRAND_TRAVEL, balance(SampleData.GRAND_TRAVEL).negate().add(new BigDecimal("300.00")));
    String grand = jwt(SampleData.GRAND_TRAVEL_USER);
    int threads = 9;
    int rounds = 8;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<java.util.List<String>>> results = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int kind = t % 3;
      results.add(pool.submit(() -> {
        go.await();
        java.util.List<String> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          Http.Resp r = switch (kind) {
            case 0 -> rpc(grand, "place_partner_order", "{\"p_customer_id\":\"" + SampleData.AZIZA + "\",\"p_package_code\":\"" + SampleData.TR_1GB + "\"}");
            case 1 -> rpc(grand, "buy_topup", "{\"p_order_id\":\"" + order + "\",\"p_package_code\":\"TR_TOPUP_1GB\"}");
            default -> Http.send(supabase.url(), "POST", "/rest/v1/orders", supabase.anonKey(), grand,
                "{\"source_type\":\"b2b_partner\",\"end_customer_id\":\"" + SampleData.JAHONGIR + "\",\"package_code\":\"" + SampleData.TR_1GB + "\"}");
          };
          outcomes.add(r.status() + " " + (r.status() >= 300 ? r.json().path("code").asText() + " " + r.json().path("details").asText() : "ok"));
        }
        return outcomes;
      }));
    }
    go.countDown();
    java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
    for (var f : results) {
      for (String o : f.get(120, java.util.concurrent.TimeUnit.SECONDS)) {
        seen.merge(o.startsWith("20") ? "success" : o, 1, Integer::sum);
      }
    }
    pool.shutdownNow();
    assertThat(seen.keySet()).as("every answer is a success or a named refusal: " + seen)
        .allMatch(k -> k.equals("success") || k.startsWith("402 PT402 insufficient_balance"));
    assertThat(seen.get("success")).as(seen.toString()).isGreaterThan(10);
    assertThat(count("select count(*) from partners p where p.balance_usd <> (select coalesce(sum(amount_usd), 0) from partner_ledger l "
        + "where l.partner_id = p.id) or p.balance_usd < -p.credit_limit_usd")).isZero();
  }

  @Test
  void webhookEndpointsCannotPointIntoOneSimsNetworkAndOnlyActivePartnersRegisterThem() {
    db.update(OWNER, "update private.webhook_settings set allow_local_targets = false");   // production's setting
    String grand = jwt(SampleData.GRAND_TRAVEL_USER);
    for (String url : new String[] {"http://hooks.grandtravel.example/x", "http://localhost:8080/x", "http://127.0.0.1/x",
        "https://localhost/x", "https://127.0.0.2/x", "https://10.1.2.3/x", "https://172.20.0.5/x", "https://192.168.1.10/x",
        "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/x", "https://[::1]/x", "https://[fd00::1]/x",
        "https://metadata.google.internal/x", "https://0.0.0.0/x"}) {
      Http.Resp r = rpc(grand, "create_webhook_endpoint", "{\"p_url\":\"" + url + "\",\"p_events\":[\"order.failed\"]}");
      assertThat(r.status()).as(url + " -> " + r.body()).isEqualTo(400);
      assertThat(r.json().path("details").asText()).as(url).isEqualTo("invalid_url");
    }
    assertThat(count("select count(*) from webhook_endpoints")).as("nothing registered").isEqualTo(
        count("select count(*) from webhook_endpoints where url not like '%x'"));
    Http.Resp ok = rpc(grand, "create_webhook_endpoint", "{\"p_url\":\"https://hooks.grandtravel.example/onesim\",\"p_events\":[\"order.failed\"]}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    db.update(OWNER, "update partners set status = 'suspended' where id = ?", SampleData.SILK_ROAD);
    Http.Resp suspended = rpc(jwt(SampleData.SILK_ROAD_USER), "create_webhook_endpoint",
        "{\"p_url\":\"https://hooks.silkroad.example/onesim\",\"p_events\":[\"order.failed\"]}");
    assertThat(suspended.status()).as(suspended.body()).isEqualTo(403);
    assertThat(suspended.json().path("details").asText()).isEqualTo("partner_not_active");
  }

  @Test
  void theSmallerDecisionsHoldTopUpOfAnUnpaidEsimCancelBySuspendedPartnerQueuedReplayAndAPricelessPayment() {
    // a refunded shop payment's eSIM cannot be topped up
    UUID refunded = UUID.randomUUID();
    db.update(OWNER, "insert into orders (id, user_id, source_type, package_code, order_status, payment_status, esim_tran_no, iccid) "
        + "values (?, ?, 'b2c', ?, 'ALLOCATED', 'refunded', 'T-REFUNDED', '8990000000000000777')", refunded, SampleData.CUSTOMER_USER,
        SampleData.TR_1GB);
    Http.Resp topup = rpc(jwt(SampleData.CUSTOMER_USER), "buy_topup", "{\"p_order_id\":\"" + refunded + "\",\"p_package_code\":\"TR_TOPUP_1GB\"}");
    assertThat(topup.status()).as(topup.body()).isEqualTo(409);
    assertThat(topup.json().path("details").asText()).isEqualTo("order_not_paid");

    // a suspended partner asks for no refund (a resend it may)
    UUID order = allocatedPartnerOrder(SampleData.GRAND_TRAVEL_USER, SampleData.AZIZA);
    db.update(OWNER, "update partners set status = 'suspended' where id = ?", SampleData.GRAND_TRAVEL);
    Http.Resp cancel = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "request_after_sale", "{\"p_order_id\":\"" + order + "\",\"p_kind\":\"cancel\"}");
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(403);
    assertThat(cancel.json().path("details").asText()).isEqualTo("partner_not_active");
    assertThat(rpc(jwt(SampleData.GRAND_TRAVEL_USER), "request_after_sale", "{\"p_order_id\":\"" + order + "\",\"p_kind\":\"resend\"}")
        .status()).isEqualTo(200);
    db.update(OWNER, "update partners set status = 'active' where id = ?", SampleData.GRAND_TRAVEL);

    // a replay of a delivery still queued is refused
    assertThat(rpc(jwt(SampleData.GRAND_TRAVEL_USER), "create_webhook_endpoint",
        "{\"p_url\":\"https://hooks.grandtravel.example/onesim\",\"p_events\":[\"order.failed\"]}").status()).isEqualTo(200);
    Http.Resp bought = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "place_partner_order",
        "{\"p_customer_id\":\"" + SampleData.AZIZA + "\",\"p_package_code\":\"" + SampleData.TR_1GB + "\"}");
    String failed = bought.rows().get(0).path("id").asText();
    assertThat(service("PATCH", "/rest/v1/orders?id=eq." + failed, "{\"order_status\":\"FAILED\"}").status()).isEqualTo(200);
    String delivery = String.valueOf(db.value(OWNER, "select id from webhook_deliveries where status = 'pending' limit 1"));
    Http.Resp replay = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "replay_webhook_delivery", "{\"p_delivery_id\":\"" + delivery + "\"}");
    assertThat(replay.status()).as(replay.body()).isEqualTo(409);
    assertThat(replay.json().path("details").asText()).isEqualTo("replay_pending");

    // a payment for an order without a price in that currency never matches
    UUID unpaid = UUID.randomUUID();
    db.update(OWNER, "insert into orders (id, user_id, source_type, package_code) values (?, ?, 'b2c', ?)", unpaid, SampleData.CUSTOMER_USER,
        SampleData.TR_1GB);
    db.update(OWNER, "update orders set price_uzs = null where id = ?", unpaid);
    Http.Resp pay = Http.send(supabase.url(), "POST", "/rest/v1/rpc/confirm_payment", supabase.serviceRoleKey(), null,
        "{\"p_order_ids\":[\"" + unpaid + "\"],\"p_provider\":\"payme\",\"p_reference\":\"r-1\",\"p_amount\":189750,\"p_currency\":\"UZS\"}");
    assertThat(pay.status()).as(pay.body()).isEqualTo(400);
    assertThat(pay.json().path("details").asText()).isEqualTo("amount_mismatch");
    assertThat(db.value(OWNER, "select payment_status from orders where id = ?", unpaid)).isEqualTo("awaiting_payment");
  }

  @Test
  void aKeysTokenNeverShopsARefundedSaleLogsNothingAndADisabledEndpointStaysDisabled() {
    for (boolean revoked : new boolean[] {false, true}) {
      String key = jwt(integrationUser(revoked));
      Http.Resp shop = Http.send(supabase.url(), "POST", "/rest/v1/orders", supabase.anonKey(), key,
          "{\"source_type\":\"b2c\",\"package_code\":\"" + SampleData.TR_1GB + "\"}");
      // live: it is the partner, refused the consumer purchase; revoked: it is nobody's and no shopper
      assertThat(shop.status()).as("revoked " + revoked + ": " + shop.body()).isEqualTo(revoked ? 403 : 400);
      assertThat(shop.json().path("details").asText()).isEqualTo(revoked ? "integration_user" : "use_partner_order");
      Http.Resp optOut = rpc(key, "set_notices_opt_out", "{\"p_opt_out\":true}");
      assertThat(optOut.status()).as(optOut.body()).isIn(403, 404);
    }
    assertThat(count("select count(*) from orders where partner_id is null")).isZero();

    // a cancelled order's sale cannot be logged by a PATCH either
    UUID order = allocatedPartnerOrder(SampleData.GRAND_TRAVEL_USER, SampleData.AZIZA);
    assertThat(service("PATCH", "/rest/v1/orders?id=eq." + order, "{\"order_status\":\"CANCELLED\"}").status()).isEqualTo(200);
    Http.Resp sell = Http.send(supabase.url(), "PATCH", "/rest/v1/partner_earnings?order_id=eq." + order, supabase.anonKey(),
        jwt(SampleData.GRAND_TRAVEL_USER), "{\"partner_sell_price_usd\":20.00}");
    assertThat(sell.status()).as(sell.body()).isEqualTo(409);
    assertThat(sell.json().path("details").asText()).isEqualTo("order_cancelled");

    // a disabled endpoint is not re-enabled, not even by the service role
    Http.Resp created = rpc(jwt(SampleData.GRAND_TRAVEL_USER), "create_webhook_endpoint",
        "{\"p_url\":\"https://hooks.grandtravel.example/onesim\",\"p_events\":[\"order.failed\"]}");
    String endpoint = created.rows().get(0).path("id").asText();
    assertThat(rpc(jwt(SampleData.GRAND_TRAVEL_USER), "disable_webhook_endpoint", "{\"p_endpoint_id\":\"" + endpoint + "\"}").status())
        .isIn(200, 204);
    Http.Resp again = service("PATCH", "/rest/v1/webhook_endpoints?id=eq." + endpoint, "{\"active\":true}");
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(db.value(OWNER, "select active from webhook_endpoints where id = ?::uuid", endpoint)).isEqualTo(false);
  }

  @Test
  void aCreditLimitBelowWhatThePartnerAlreadyOwesIsANamedRefusal() {
    db.update(OWNER, "update partners set credit_limit_usd = 100.00 where id = ?", SampleData.SILK_ROAD);
    db.update(OWNER, "insert into partner_ledger (partner_id, kind, amount_usd, reason) values (?, 'adjustment', ?, 'test: owe 50')",
        SampleData.SILK_ROAD, balance(SampleData.SILK_ROAD).negate().subtract(new BigDecimal("50.00")));
    Http.Resp r = Http.send(supabase.url(), "PATCH", "/rest/v1/partners?id=eq." + SampleData.SILK_ROAD, supabase.anonKey(),
        jwt(SampleData.ADMIN_USER), "{\"credit_limit_usd\":10.00}");
    assertThat(r.status()).as(r.body()).isEqualTo(409);
    assertThat(r.json().path("details").asText()).isEqualTo("below_credit_floor");
    assertThat((BigDecimal) db.value(OWNER, "select credit_limit_usd from partners where id = ?", SampleData.SILK_ROAD))
        .isEqualByComparingTo("100.00");
  }
}
