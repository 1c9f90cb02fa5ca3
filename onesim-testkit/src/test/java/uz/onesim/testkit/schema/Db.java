package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import uz.onesim.testkit.DatabaseException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.SampleData;

/** Shorthands shared by the schema tests: who is who, fixtures, and checks on the whole database. */
final class Db {
  static final Identity GRAND = Identity.user(SampleData.GRAND_TRAVEL_USER, "grandtravel@example.com");
  static final Identity SILK = Identity.user(SampleData.SILK_ROAD_USER, "silkroad@example.com");
  static final Identity CUSTOMER = Identity.user(SampleData.CUSTOMER_USER, "dilnoza@example.com");
  static final Identity ADMIN = Identity.user(SampleData.ADMIN_USER, "admin@onesim.uz");
  static final Identity SERVICE = Identity.serviceRole();
  static final Identity ANON = Identity.anon();
  static final Identity OWNER = Identity.superuser();

  static final List<String> TABLES = List.of("profiles", "esim_packages", "orders", "order_action_logs", "fx_rates",
      "partners", "partner_customers", "customer_groups", "customer_group_members", "partner_earnings",
      "margin_overrides", "package_costs", "price_sync_log", "package_price_changes", "partner_status_changes", "payments", "partner_ledger", "partner_alerts", "partner_credentials",
      "webhook_endpoints", "webhook_events", "webhook_deliveries", "webhook_attempts", "delivery_attempts", "after_sale_requests",
      "provider_events", "esim_alerts", "topups");

  private Db() {}

  /** Asserts that {@code call} fails with {@code sqlState} (and the machine code in DETAIL, if given). */
  static DatabaseException assertFails(ThrowingCallable call, String sqlState, String detail) {
    DatabaseException e = catchThrowableOfType(call, DatabaseException.class);
    assertThat(e).as("expected SQLSTATE " + sqlState).isNotNull();
    assertThat(e.sqlState()).as(e.getMessage()).isEqualTo(sqlState);
    if (detail != null) {
      assertThat(e.detail()).as(e.getMessage()).isEqualTo(detail);
    }
    return e;
  }

  /** A fingerprint of every table's content, taken as the owner. */
  static Map<String, String> snapshot(LocalDatabase db) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : TABLES) {
      out.put(t, String.valueOf(db.value(OWNER,
          "select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from public." + t + " x")));
    }
    return out;
  }

  /** Every partner's totals equal the sums over its completed earnings. */
  static void assertTotalsMatchLedger(LocalDatabase db) {
    List<Map<String, Object>> mismatches = db.query(OWNER, """
        select p.id, p.total_orders, p.total_spent, p.total_savings, p.total_orders_value_retail, l.*
        from partners p
        cross join lateral (
          select count(*) as l_orders, coalesce(sum(partner_paid_usd), 0) as l_spent,
                 coalesce(sum(discount_amount_usd), 0) as l_savings, coalesce(sum(retail_price_usd), 0) as l_retail
          from partner_earnings e where e.partner_id = p.id and e.status = 'completed') l
        where p.total_orders <> l.l_orders or p.total_spent <> l.l_spent
           or p.total_savings <> l.l_savings or p.total_orders_value_retail <> l.l_retail
        """);
    assertThat(mismatches).as("partners whose totals differ from their completed earnings").isEmpty();
  }

  /** The totals of one partner: orders, spent, savings, retail. */
  static Map<String, Object> totals(LocalDatabase db, UUID partnerId) {
    return db.query(OWNER, "select total_orders, total_spent, total_savings, total_orders_value_retail, total_customers "
        + "from partners where id = ?", partnerId).get(0);
  }

  static BigDecimal dec(Object o) {
    return (BigDecimal) o;
  }

  /** Places one order through the partner RPC as {@code who} and returns its id. */
  static UUID partnerOrder(LocalDatabase db, Identity who, UUID customer, String packageCode) {
    return (UUID) db.value(who, "select id from place_partner_order(?, ?)", customer, packageCode);
  }

  /** Moves an order along its lifecycle as the backend. */
  static void setStatus(LocalDatabase db, UUID order, String status) {
    assertThat(db.update(SERVICE, "update orders set order_status = ? where id = ?", status, order)).isEqualTo(1);
  }

  /** PENDING -> PROCESSING -> ALLOCATED, as the backend. */
  static void allocate(LocalDatabase db, UUID order) {
    setStatus(db, order, "PROCESSING");
    setStatus(db, order, "ALLOCATED");
  }

  /** Creates a signed-in user with a profile of {@code userType}; returns its id. */
  static UUID newUser(LocalDatabase db, String email, String userType) {
    UUID id = UUID.randomUUID();
    db.update(OWNER, "insert into auth.users (id, email) values (?, ?)", id, email);
    db.update(OWNER, "insert into profiles (id, first_name, last_name, user_type) values (?, 'Test', 'User', ?)", id, userType);
    return id;
  }
}
