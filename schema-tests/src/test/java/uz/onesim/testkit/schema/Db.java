package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import uz.onesim.testkit.DatabaseException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
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

  /**
   * Every table of the API schema, read from the migrated database's catalog: a table a migration
   * adds is covered by every matrix that iterates over this list without anyone naming it.
   */
  static final List<String> TABLES = tablesOf(LocalPostgres.shared().freshDatabase(false));

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

  /** Inserts an allocated Grand Travel order for Aziza with eSIM {@code tranNo}, as the owner; returns its id. */
  static UUID allocatedPartnerOrder(LocalDatabase db, String tranNo) {
    UUID order = UUID.randomUUID();
    db.update(OWNER, "insert into orders (id, user_id, partner_id, source_type, package_code, order_status, payment_status, esim_tran_no, "
        + "iccid, end_customer_id) values (?, ?, ?, 'b2b_partner', ?, 'ALLOCATED', 'paid', ?, ?, ?)", order, SampleData.GRAND_TRAVEL_USER,
        SampleData.GRAND_TRAVEL, SampleData.TR_1GB, tranNo, "899" + Math.abs(tranNo.hashCode()), SampleData.AZIZA);
    return order;
  }

  /** The base tables of schema {@code public}, by name. */
  static List<String> tablesOf(LocalDatabase db) {
    List<String> out = new ArrayList<>();
    db.query(OWNER, "select tablename from pg_tables where schemaname = 'public' order by 1")
        .forEach(r -> out.add((String) r.get("tablename")));
    return List.copyOf(out);
  }

  private static final String SNAPSHOT_SQL = TABLES.stream()
      .map(t -> "select '" + t + "' as t, (select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') "
          + "from public." + t + " x) as fp")
      .collect(Collectors.joining(" union all "));

  /** A fingerprint of every table's content, taken as the owner in one query. */
  static Map<String, String> snapshot(LocalDatabase db) {
    Map<String, String> out = new LinkedHashMap<>();
    db.query(OWNER, SNAPSHOT_SQL).forEach(r -> out.put((String) r.get("t"), (String) r.get("fp")));
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

  /** A partner's balance as stored. */
  static BigDecimal balance(LocalDatabase db, UUID partnerId) {
    return (BigDecimal) db.value(OWNER, "select balance_usd from partners where id = ?", partnerId);
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
