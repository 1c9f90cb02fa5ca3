package uz.onesim.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.PartnerAccount;
import uz.onesim.testkit.SampleData;

/** Regression tests for the outside review's defects, through the real PostgREST with real JWTs (issue 14). */
@org.junit.jupiter.api.parallel.ResourceLock(LocalSupabaseExtension.SHARED_STACK)
class HardeningTest {
  static LocalSupabase supabase;
  static LocalDatabase db;
  static String grand;
  static String admin;
  static final Identity OWNER = Identity.superuser();

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
    db = supabase.database();
    grand = supabase.userJwt(SampleData.GRAND_TRAVEL_USER);
    admin = supabase.userJwt(SampleData.ADMIN_USER);
  }

  static Http.Resp call(String method, String path, String bearer, String body) {
    return Http.send(supabase.url(), method, path, supabase.anonKey(), bearer, body, "Prefer", "return=representation");
  }

  static Http.Resp service(String method, String path, String body) {
    return Http.send(supabase.url(), method, path, supabase.serviceRoleKey(), null, body, "Prefer", "return=representation");
  }

  static String partnerOrder(String extraJson) {
    Http.Resp r = call("POST", "/rest/v1/orders", grand, "{\"source_type\":\"b2b_partner\",\"end_customer_id\":\"" + SampleData.AZIZA
        + "\",\"package_code\":\"" + SampleData.TR_1GB + "\"" + extraJson + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.rows().get(0).path("id").asText();
  }

  @Test
  void backendOnlyOrderColumnsSentOnInsertAreNotStored() {
    String id = partnerOrder(",\"esim_tran_no\":\"STOLEN-1\",\"provider_transaction_id\":\"p-1\",\"lease_worker\":\"me\","
        + "\"lease_until\":\"2099-01-01T00:00:00Z\",\"failure_reason\":\"x\",\"created_at\":\"2001-01-01T00:00:00Z\","
        + "\"transaction_id\":\"chosen\",\"order_status\":\"ALLOCATED\",\"iccid\":\"89\",\"price_usd\":0.01");
    Map<String, Object> row = db.query(OWNER, "select * from orders where id = ?::uuid", id).get(0);
    assertThat(row.get("esim_tran_no")).isNull();
    assertThat(row.get("provider_transaction_id")).isNull();
    assertThat(row.get("lease_worker")).isNull();
    assertThat(row.get("lease_until")).isNull();
    assertThat(row.get("failure_reason")).isNull();
    assertThat(row.get("iccid")).isNull();
    assertThat(row.get("order_status")).isEqualTo("PENDING");
    assertThat(row.get("transaction_id")).isEqualTo("onesim-" + id);
    assertThat(row.get("created_at").toString()).doesNotStartWith("2001");
    assertThat((BigDecimal) row.get("price_usd")).isEqualByComparingTo("14.25");
  }

  @Test
  void backendOnlyColumnsCannotBeChangedByAPartnerOrAnAdmin() {
    String id = partnerOrder("");
    for (String bearer : List.of(grand, admin)) {
      Http.Resp r = call("PATCH", "/rest/v1/orders?id=eq." + id, bearer, "{\"esim_tran_no\":\"T-1\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(403);
      assertThat(r.code()).isEqualTo("42501");
    }
    Http.Resp price = call("PATCH", "/rest/v1/orders?id=eq." + id, admin, "{\"price_usd\":1.00}");
    assertThat(price.status()).as("an admin cannot reprice an order").isEqualTo(403);
    Http.Resp byService = service("PATCH", "/rest/v1/orders?id=eq." + id, "{\"price_usd\":1.00}");
    assertThat(byService.status()).as("nor can the service role").isEqualTo(403);
    assertThat(db.value(OWNER, "select esim_tran_no from orders where id = ?::uuid", id)).isNull();
    assertThat((BigDecimal) db.value(OWNER, "select price_usd from orders where id = ?::uuid", id)).isEqualByComparingTo("14.25");
  }

  @Test
  void aPartnerThatIsNotYoursGetsOneAnswerWhateverItsState() {
    List<String> bodies = new java.util.ArrayList<>();
    for (String status : List.of("active", "suspended", "pending_approval", "deactivated")) {
      PartnerAccount other = supabase.createPartner("Other " + status, status + "@other.example", null, status);
      bodies.add(orderFor(other.partnerId()));
    }
    bodies.add(orderFor(UUID.randomUUID()));
    assertThat(bodies).as("no status or existence oracle").containsOnly(bodies.get(0));
    assertThat(bodies.get(0)).contains("not_your_partner");
  }

  static String orderFor(UUID partnerId) {
    Http.Resp r = call("POST", "/rest/v1/orders", grand, "{\"source_type\":\"b2b_partner\",\"partner_id\":\"" + partnerId
        + "\",\"end_customer_id\":\"" + SampleData.AZIZA + "\",\"package_code\":\"" + SampleData.TR_1GB + "\"}");
    JsonNode j = r.json();
    return r.status() + " " + j.path("code").asText() + " " + j.path("details").asText() + " " + j.path("message").asText();
  }

  @Test
  void nanAndInfinityAreRefusedEverywhereAndChangeNothing() {
    String id = partnerOrder("");
    for (String hostile : List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"")) {
      Http.Resp rpc = call("POST", "/rest/v1/rpc/log_sell_price", grand,
          "{\"p_order_id\":\"" + id + "\",\"p_sell_price\":" + hostile + "}");
      assertThat(rpc.status()).as(hostile + ": " + rpc.body()).isBetween(400, 499);
      Http.Resp patch = call("PATCH", "/rest/v1/partner_earnings?order_id=eq." + id, grand, "{\"partner_sell_price_usd\":" + hostile + "}");
      assertThat(patch.status()).as(hostile + ": " + patch.body()).isBetween(400, 499);
      Http.Resp price = call("PATCH", "/rest/v1/esim_packages?package_code=eq." + SampleData.TR_1GB, admin,
          "{\"final_price_usd\":" + hostile + "}");
      assertThat(price.status()).as(hostile + ": " + price.body()).isBetween(400, 499);
    }
    assertThat(db.value(OWNER, "select partner_sell_price_usd from partner_earnings where order_id = ?::uuid", id)).isNull();
    assertThat((BigDecimal) db.value(OWNER, "select final_price_usd from esim_packages where package_code = ?", SampleData.TR_1GB))
        .isEqualByComparingTo("15.00");
  }

  @Test
  void pricesMustBePositive() {
    for (String bad : List.of("0", "-5.00")) {
      Http.Resp r = call("PATCH", "/rest/v1/esim_packages?package_code=eq." + SampleData.TR_1GB, admin, "{\"final_price_usd\":" + bad + "}");
      assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
    }
    Http.Resp fx = call("POST", "/rest/v1/fx_rates", admin, "{\"uzs_per_usd\":0,\"source\":\"typo\"}");
    assertThat(fx.status()).as(fx.body()).isEqualTo(400);
  }

  @Test
  void ordersAndEarningsAreNeverDeletedNotEvenByTheServiceRole() {
    String id = partnerOrder("");
    Http.Resp order = service("DELETE", "/rest/v1/orders?id=eq." + id, null);
    assertThat(order.status()).as(order.body()).isEqualTo(403);
    Http.Resp earning = service("DELETE", "/rest/v1/partner_earnings?order_id=eq." + id, null);
    assertThat(earning.status()).as(earning.body()).isEqualTo(403);
    assertThat(db.value(OWNER, "select count(*) from orders where id = ?::uuid", id)).isEqualTo(1L);
    assertThat(db.value(OWNER, "select count(*) from partner_earnings where order_id = ?::uuid", id)).isEqualTo(1L);
  }

  @Test
  void earningsAmountsAndPartnerTotalsCannotBeEditedByAdminsOrTheServiceRole() {
    String id = partnerOrder("");
    Http.Resp amount = call("PATCH", "/rest/v1/partner_earnings?order_id=eq." + id, admin, "{\"discount_amount_usd\":99}");
    assertThat(amount.status()).as(amount.body()).isEqualTo(403);
    Http.Resp totals = service("PATCH", "/rest/v1/partners?id=eq." + SampleData.GRAND_TRAVEL, "{\"total_spent\":1000000}");
    assertThat(totals.status()).as(totals.body()).isEqualTo(403);
    Http.Resp customer = call("POST", "/rest/v1/partner_customers", grand,
        "{\"first_name\":\"Nodira\",\"last_name\":\"Yusupova\",\"email\":\"nodira@example.com\"}");
    assertThat(customer.status()).as(customer.body()).isEqualTo(201);
    Http.Resp forged = call("POST", "/rest/v1/customer_group_members", grand, "{\"group_id\":\"" + SampleData.ANTALYA_GROUP
        + "\",\"customer_id\":\"" + customer.rows().get(0).path("id").asText() + "\",\"added_by\":\"" + SampleData.ADMIN_USER + "\",\"added_at\":\"2001-01-01T00:00:00Z\"}");
    assertThat(forged.status()).as(forged.body()).isEqualTo(201);
    assertThat(forged.rows().get(0).path("added_by").asText()).isEqualTo(SampleData.GRAND_TRAVEL_USER.toString());
    assertThat(forged.rows().get(0).path("added_at").asText()).doesNotStartWith("2001");
  }

  @Test
  void aDirectInsertOfMoreThan1000OrdersIsRefusedAsAWhole() {
    long before = (Long) db.value(OWNER, "select count(*) from orders");
    StringBuilder rows = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      rows.append(i == 0 ? "" : ",").append("{\"source_type\":\"b2b_partner\",\"end_customer_id\":\"").append(SampleData.AZIZA)
          .append("\",\"package_code\":\"").append(SampleData.TR_1GB).append("\"}");
    }
    Http.Resp r = call("POST", "/rest/v1/orders", grand, rows.append("]").toString());
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().path("details").asText()).isEqualTo("too_many");
    assertThat(db.value(OWNER, "select count(*) from orders")).isEqualTo(before);
  }

  @Test
  void anonymousSignInsMayBrowseButNotWrite() {
    UUID user = supabase.createUser("anon-" + UUID.randomUUID() + "@example.com", "customer");
    long now = java.time.Instant.now().getEpochSecond();
    String jwt = supabase.jwt(Map.of("sub", user.toString(), "role", "authenticated", "aud", "authenticated",
        "is_anonymous", true, "iat", now, "exp", now + 600));
    assertThat(call("GET", "/rest/v1/esim_packages?select=package_code&limit=1", jwt, null).status()).isEqualTo(200);
    Http.Resp order = call("POST", "/rest/v1/orders", jwt, "{\"package_code\":\"" + SampleData.TR_1GB + "\"}");
    assertThat(order.status()).as(order.body()).isEqualTo(403);
    assertThat(order.json().path("details").asText()).isEqualTo("anonymous_user");
    Http.Resp profile = call("PATCH", "/rest/v1/profiles?id=eq." + user, jwt, "{\"first_name\":\"Anon\"}");
    assertThat(profile.status()).as(profile.body()).isEqualTo(403);
    assertThat(db.value(OWNER, "select count(*) from orders where user_id = ?", user)).isEqualTo(0L);
  }

  /** PostgreSQL would round these into numeric(p,s) before any check saw them; they are refused as Java refuses them. */
  @Test
  void moreDecimalsThanAColumnKeepsAreRefusedNotRounded() {
    String grandId = SampleData.GRAND_TRAVEL.toString();
    record Attempt(String path, String method, String bearer, String body) {
      @Override
      public String toString() {
        return method + " " + path + " " + body + (bearer == null ? " (service role)" : " (admin)");
      }
    }
    List<Attempt> attempts = List.of(
        new Attempt("/rest/v1/partners?id=eq." + grandId, "PATCH", admin, "{\"custom_discount_rate\":5.125}"),
        new Attempt("/rest/v1/partners?id=eq." + grandId, "PATCH", admin, "{\"credit_limit_usd\":100.005}"),
        new Attempt("/rest/v1/partners?id=eq." + grandId, "PATCH", admin, "{\"low_balance_threshold_usd\":50.001}"),
        new Attempt("/rest/v1/esim_packages?package_code=eq." + SampleData.TR_1GB, "PATCH", admin, "{\"final_price_usd\":15.005}"),
        new Attempt("/rest/v1/esim_packages?package_code=eq." + SampleData.TR_1GB, "PATCH", null, "{\"final_price_usd\":15.005}"),
        new Attempt("/rest/v1/fx_rates", "POST", admin, "{\"uzs_per_usd\":12650.00005,\"source\":\"typo\"}"),
        new Attempt("/rest/v1/margin_overrides", "POST", admin, "{\"scope\":\"default\",\"margin_percent\":50.005}"),
        new Attempt("/rest/v1/partners?id=eq." + grandId, "PATCH", admin, "{\"custom_discount_rate\":1000}"));
    Map<String, String> before = money();
    for (Attempt a : attempts) {
      Http.Resp r = a.bearer() == null ? service(a.method(), a.path(), a.body()) : call(a.method(), a.path(), a.bearer(), a.body());
      assertThat(r.status()).as(a + " -> " + r.body()).isEqualTo(400);
      assertThat(r.json().path("code").asText()).as(a + " -> " + r.body()).isIn("23514", "22003", "PT400"); // check, too many digits, or above the rate bound
    }
    assertThat(money()).as("nothing changed").isEqualTo(before);

    // The same values at the column's scale are accepted, and stored as sent.
    Http.Resp ok = call("PATCH", "/rest/v1/partners?id=eq." + grandId, admin, "{\"custom_discount_rate\":5.13}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.rows().get(0).path("effective_discount_rate").decimalValue()).isEqualByComparingTo("5.13");
    call("PATCH", "/rest/v1/partners?id=eq." + grandId, admin, "{\"custom_discount_rate\":null}");
  }

  static Map<String, String> money() {
    return Map.of(
        "partners", String.valueOf(db.value(OWNER, "select string_agg(concat_ws('/', custom_discount_rate, credit_limit_usd, low_balance_threshold_usd), ',' order by id) from partners")),
        "packages", String.valueOf(db.value(OWNER, "select string_agg(final_price_usd::text, ',' order by package_code) from esim_packages")),
        "fx", String.valueOf(db.value(OWNER, "select count(*) from fx_rates")),
        "margins", String.valueOf(db.value(OWNER, "select count(*) from margin_overrides")));
  }

  /** Partner totals go beyond 10^12 USD without overflow: sums must not fail where each order fits. */
  @Test
  void partnerTotalsHoldManyOrdersAtTheLargestPrice() {
    UUID partner = supabase.createPartner("Big Spender", "big@example.com", null, "active").partnerId();
    db.executeScript("""
        insert into esim_packages (package_code, name, final_price_usd, is_active) values ('HUGE', 'Largest price', 99999999.99, true)
          on conflict (package_code) do update set final_price_usd = excluded.final_price_usd, is_active = true;
        """);
    db.update(OWNER, "insert into partner_ledger (partner_id, kind, amount_usd, reference) values (?::uuid, 'funding', 200000000.00, 'wire-1')", partner);
    UUID customer = (UUID) db.value(OWNER,
        "insert into partner_customers (partner_id, first_name, last_name, email) values (?::uuid, 'A', 'B', 'ab@example.com') returning id", partner);
    // a partner that has already bought for a trillion dollars (the old numeric(14,2) held 10^12 - 0.01)
    db.update(OWNER, "update partners set total_spent = 999999999999.00, total_orders_value_retail = 999999999999.00 where id = ?::uuid", partner);
    db.update(OWNER, "update partner_customers set total_spent = 999999999999.00 where id = ?::uuid", customer);
    db.update(OWNER, """
        insert into orders (user_id, partner_id, source_type, end_customer_type, end_customer_id, package_code, order_status)
        select p.user_id, p.id, 'b2b_partner', 'b2b_partner_customer', ?::uuid, 'HUGE', 'ALLOCATED' from partners p where p.id = ?::uuid""",
        customer, partner);
    Map<String, Object> totals = db.query(OWNER,
        "select total_orders_value_retail, total_spent, (select total_spent from partner_customers where id = ?::uuid) as customer_spent "
            + "from partners where id = ?::uuid", customer, partner).get(0);
    assertThat((BigDecimal) totals.get("total_orders_value_retail")).isEqualByComparingTo("1000099999998.99");
    assertThat((BigDecimal) totals.get("total_spent")).isEqualByComparingTo("1000094999998.99");
    assertThat((BigDecimal) totals.get("customer_spent")).isEqualByComparingTo((BigDecimal) totals.get("total_spent"));
  }
}
