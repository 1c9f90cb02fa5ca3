package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.DatabaseException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * Row Level Security in SQL, as each role with its claims (the way PostgREST sets them): anon,
 * customer A, customer B, partner A, partner B, admin, service_role × every table and view. Reads
 * assert the exact rows; forbidden writes must fail (or touch no row) and leave the database as it
 * was.
 */
class RlsMatrixTest {
  static final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);
  static UUID customerB;
  static Identity CUSTOMER_B;
  static UUID orderA;
  static UUID orderB;
  static final List<UUID> grandOrders = new ArrayList<>();
  static final List<UUID> silkOrders = new ArrayList<>();
  static UUID samarkand;
  static final Map<String, String> report = new LinkedHashMap<>();

  @BeforeAll
  static void fixture() {
    customerB = newUser(db, "bekzod@example.com", "customer");
    CUSTOMER_B = Identity.user(customerB, "bekzod@example.com");
    orderA = (UUID) db.value(CUSTOMER, "insert into orders (source_type, user_id, package_code) values ('b2c', ?, 'TR_1GB_7D') returning id",
        SampleData.CUSTOMER_USER);
    orderB = (UUID) db.value(CUSTOMER_B, "insert into orders (source_type, user_id, package_code) values ('b2c', ?, 'TR_3GB_15D') returning id",
        customerB);
    // Grand Travel is below a (high) low-balance threshold: partner_alerts has a row to guard.
    db.update(OWNER, "update partners set low_balance_threshold_usd = 1000000 where id = ?", SampleData.GRAND_TRAVEL);
    // The shop's payment provider confirmed customer A's order (so payments has a row to guard).
    db.value(SERVICE, "select count(*) from confirm_payment(array[?::uuid], 'payme', 'rls-fixture-1', 15.00, 'USD')", orderA);
    // Grand Travel: an order in every status.
    for (String status : List.of("PENDING", "PROCESSING", "ALLOCATED", "FAILED", "CANCELLED")) {
      UUID id = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
      switch (status) {
        case "PROCESSING" -> setStatus(db, id, "PROCESSING");
        case "ALLOCATED" -> allocate(db, id);
        case "FAILED" -> setStatus(db, id, "FAILED");
        case "CANCELLED" -> {
          allocate(db, id);
          setStatus(db, id, "CANCELLED");
        }
        default -> { }
      }
      grandOrders.add(id);
    }
    silkOrders.add(partnerOrder(db, SILK, SampleData.BOBUR, SampleData.TR_1GB));
    UUID silkAllocated = partnerOrder(db, SILK, SampleData.BOBUR, SampleData.TR_5GB);
    allocate(db, silkAllocated);
    silkOrders.add(silkAllocated);
    samarkand = (UUID) db.value(SILK, "insert into customer_groups (name) values ('Samarkand') returning id");
    db.executeScript("""
        insert into margin_overrides (scope, scope_value, margin_percent) values ('default', '', 50), ('country', 'TR', 40);
        insert into package_costs (package_code, wholesale_price_usd) values ('TR_1GB_7D', 10.0000);
        insert into price_sync_log (status, packages_seen) values ('succeeded', 8);
        insert into package_price_changes (package_code, old_price_usd, new_price_usd) values ('TR_1GB_7D', 14.00, 15.00);
        """);
    db.update(SILK, "insert into customer_group_members (group_id, customer_id) values (?, ?)", samarkand, SampleData.BOBUR);
    // The backend emailed Grand Travel's allocated eSIM (delivery_attempts has a row to guard).
    db.value(SERVICE, "select record_delivery(jsonb_build_array(jsonb_build_object('order_id', ?::uuid, "
        + "'delivery_status', jsonb_build_object('email', 'sent'))))", grandOrders.get(2));
    // ... and Grand Travel asked for it again (after_sale_requests has a row to guard).
    db.value(GRAND, "select id from request_after_sale(?, 'resend', null)", grandOrders.get(2));
    // The provider reported on it (provider_events) and its data ran low (esim_alerts).
    db.value(SERVICE, "select receive_provider_event('rls-1', 'DATA_USAGE', '{\"content\": {}}'::jsonb)");
    db.update(OWNER, "insert into esim_alerts (order_id, partner_id, user_id, kind, ref) select id, partner_id, user_id, 'usage_low', '80' "
        + "from orders where id = ?", grandOrders.get(2));
    // ... and Grand Travel bought a top-up for it (topups).
    db.update(OWNER, "insert into topups (order_id, partner_id, user_id, package_code, retail_usd, discount_rate, discount_usd, paid_usd) "
        + "select id, partner_id, user_id, 'TR_TOPUP_1GB', 6.00, 5.00, 0.30, 5.70 from orders where id = ?", grandOrders.get(2));
  }

  @AfterAll
  static void printMatrix() {
    StringBuilder out = new StringBuilder("\nRLS matrix (SQL, role x object -> rows visible)\n");
    new java.util.TreeMap<>(report).forEach((k, v) -> out.append(String.format("  %-62s %s%n", k, v)));
    System.out.println(out);
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("target", "rls-matrix-sql.txt"), out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String name(Identity who) {
    if (who.equals(ANON)) return "anon";
    if (who.equals(CUSTOMER)) return "customer A";
    if (who.equals(CUSTOMER_B)) return "customer B";
    if (who.equals(GRAND)) return "partner A (Grand Travel)";
    if (who.equals(SILK)) return "partner B (Silk Road)";
    if (who.equals(ADMIN)) return "admin";
    if (who.equals(SERVICE)) return "service_role";
    return who.toString();
  }

  static Set<Object> visible(Identity who, String table, String idColumn) {
    try {
      Set<Object> ids = new HashSet<>();
      db.query(who, "select " + idColumn + " from public." + table).forEach(r -> ids.add(r.get(idColumn)));
      report.put(name(who) + " SELECT " + table, ids.size() + " rows");
      return ids;
    } catch (DatabaseException e) {
      report.put(name(who) + " SELECT " + table, "denied " + e.sqlState());
      throw e;
    }
  }

  static Set<Object> all(String table, String idColumn) {
    return visible(OWNER, table, idColumn);
  }

  static Set<Object> setOf(Object... ids) {
    return new HashSet<>(List.of(ids));
  }

  static Set<Object> union(List<UUID> a, List<UUID> b) {
    Set<Object> s = new HashSet<>(a);
    s.addAll(b);
    return s;
  }

  // ------------------------------------------------------------------ reads

  @Test
  void anonSeesOnlyTheActiveCatalogueAndFx() {
    assertThat(visible(ANON, "esim_packages", "package_code")).hasSize(7).doesNotContain(SampleData.RETIRED);
    assertThat(visible(ANON, "fx_rates", "id")).hasSize(1);
    for (String t : List.of("profiles", "orders", "order_action_logs", "partners", "partner_customers", "customer_groups",
        "customer_group_members", "partner_earnings", "v_orders_complete", "v_partner_dashboard_stats")) {
      assertFails(() -> visible(ANON, t, "1 as one"), "42501", null);
    }
  }

  @Test
  void customersSeeOnlyTheirOwnProfileAndB2cOrders() {
    assertThat(visible(CUSTOMER, "profiles", "id")).isEqualTo(setOf(SampleData.CUSTOMER_USER));
    assertThat(visible(CUSTOMER_B, "profiles", "id")).isEqualTo(setOf(customerB));
    assertThat(visible(CUSTOMER, "orders", "id")).isEqualTo(setOf(orderA));
    assertThat(visible(CUSTOMER_B, "orders", "id")).isEqualTo(setOf(orderB));
    assertThat(visible(CUSTOMER, "v_orders_complete", "id")).isEqualTo(setOf(orderA));
    assertThat(visible(CUSTOMER, "order_action_logs", "order_id")).isEqualTo(setOf(orderA));
    assertThat(visible(CUSTOMER, "esim_packages", "package_code")).hasSize(7);
    for (String t : List.of("partners", "partner_customers", "customer_groups", "customer_group_members", "partner_earnings",
        "v_partner_dashboard_stats")) {
      assertThat(visible(CUSTOMER, t, "1 as one")).as(t).isEmpty();
    }
  }

  @Test
  void partnersSeeOnlyTheirOwnRows() {
    assertThat(visible(GRAND, "partners", "id")).isEqualTo(setOf(SampleData.GRAND_TRAVEL));
    assertThat(visible(SILK, "partners", "id")).isEqualTo(setOf(SampleData.SILK_ROAD));
    assertThat(visible(GRAND, "profiles", "id")).isEqualTo(setOf(SampleData.GRAND_TRAVEL_USER));
    assertThat(visible(GRAND, "partner_customers", "id")).isEqualTo(setOf(SampleData.AZIZA, SampleData.JAHONGIR));
    assertThat(visible(SILK, "partner_customers", "id")).isEqualTo(setOf(SampleData.BOBUR));
    assertThat(visible(GRAND, "customer_groups", "id")).isEqualTo(setOf(SampleData.ANTALYA_GROUP));
    assertThat(visible(SILK, "customer_groups", "id")).isEqualTo(setOf(samarkand));
    assertThat(visible(GRAND, "customer_group_members", "customer_id")).isEqualTo(setOf(SampleData.AZIZA, SampleData.JAHONGIR));
    assertThat(visible(SILK, "customer_group_members", "customer_id")).isEqualTo(setOf(SampleData.BOBUR));
    assertThat(visible(GRAND, "orders", "id")).isEqualTo(new HashSet<>(grandOrders));
    assertThat(visible(SILK, "orders", "id")).isEqualTo(new HashSet<>(silkOrders));
    assertThat(visible(GRAND, "v_orders_complete", "id")).isEqualTo(new HashSet<>(grandOrders));
    assertThat(visible(GRAND, "partner_earnings", "order_id")).isEqualTo(new HashSet<>(grandOrders));
    assertThat(visible(SILK, "partner_earnings", "order_id")).isEqualTo(new HashSet<>(silkOrders));
    assertThat(visible(GRAND, "order_action_logs", "order_id")).isEqualTo(new HashSet<>(grandOrders));
    assertThat(visible(GRAND, "v_partner_dashboard_stats", "partner_id")).isEqualTo(setOf(SampleData.GRAND_TRAVEL));
  }

  @Test
  void catalogueInternalsAreHiddenFromCustomersAndPartners() {
    for (String t : List.of("margin_overrides", "package_costs", "price_sync_log", "package_price_changes")) {
      for (Identity who : List.of(CUSTOMER, GRAND, SILK)) {
        assertThat(visible(who, t, "1 as one")).as(name(who) + " " + t).isEmpty();
      }
      assertFails(() -> visible(ANON, t, "1 as one"), "42501", null);
      refused(GRAND, "INSERT " + t, "42501", "insert into public." + t + " default values");
    }
    refused(GRAND, "UPDATE margin_overrides", null, "update margin_overrides set margin_percent = 0");
    assertThat(db.update(ADMIN, "update margin_overrides set margin_percent = 45 where scope = 'country'")).isEqualTo(1);
  }

  @Test
  void adminAndServiceRoleSeeEverything() {
    for (Identity who : List.of(ADMIN, SERVICE)) {
      for (String t : TABLES) {
        long mine = (Long) db.value(who, "select count(*) from public." + t);
        report.put(name(who) + " SELECT " + t, mine + " rows");
        assertThat(mine).as(who + " " + t).isEqualTo(db.value(OWNER, "select count(*) from public." + t)).isPositive();
      }
      assertThat(visible(who, "orders", "id")).isEqualTo(all("orders", "id"));
      assertThat(visible(who, "v_partner_dashboard_stats", "partner_id")).isEqualTo(setOf(SampleData.GRAND_TRAVEL, SampleData.SILK_ROAD));
    }
    assertThat(all("orders", "id")).hasSize(2 + grandOrders.size() + silkOrders.size());
  }

  // ------------------------------------------------------------------ writes

  /** Runs a forbidden write: it must fail with {@code sqlState}, or (null) touch no row; nothing may change. */
  static void refused(Identity who, String label, String sqlState, String sql, Object... params) {
    Map<String, String> before = snapshot(db);
    if (sqlState == null) {
      assertThat(db.update(who, sql, params)).as(label + " affected rows").isZero();
      report.put(name(who) + " " + label, "0 rows");
    } else {
      assertFails(() -> db.update(who, sql, params), sqlState, null);
      report.put(name(who) + " " + label, "denied " + sqlState);
    }
    assertThat(snapshot(db)).as(label + " changed nothing").isEqualTo(before);
  }

  @Test
  void anonCannotWriteAnything() {
    refused(ANON, "INSERT orders", "42501", "insert into orders (source_type, package_code) values ('b2c', 'TR_1GB_7D')");
    refused(ANON, "UPDATE esim_packages", "42501", "update esim_packages set final_price_usd = 1");
    refused(ANON, "INSERT partner_customers", "42501", "insert into partner_customers (partner_id, first_name, last_name, email) values (?, 'a', 'b', 'a@b.uz')",
        SampleData.GRAND_TRAVEL);
    refused(ANON, "INSERT fx_rates", "42501", "insert into fx_rates (uzs_per_usd, source) values (1, 'x')");
    refused(ANON, "DELETE partners", "42501", "delete from partners");
  }

  @Test
  void customerCannotEscalateOrTouchOthersOrPrices() {
    refused(CUSTOMER, "UPDATE profiles.user_type=admin", "42501", "update profiles set user_type = 'admin' where id = ?", SampleData.CUSTOMER_USER);
    refused(CUSTOMER, "UPDATE profiles.user_type=partner", "42501", "update profiles set user_type = 'partner' where id = ?", SampleData.CUSTOMER_USER);
    refused(CUSTOMER, "INSERT profiles (other user)", "42501", "insert into profiles (id, user_type) values (?, 'customer')", UUID.randomUUID());
    refused(CUSTOMER, "INSERT partners (self)", "42501", "insert into partners (user_id, company_name, business_email) values (?, 'Me', 'me@x.uz')",
        SampleData.CUSTOMER_USER);
    refused(CUSTOMER, "UPDATE own order price", "42501", "update orders set price_usd = 0.01 where id = ?", orderA);
    refused(CUSTOMER, "UPDATE own order status", "42501", "update orders set order_status = 'ALLOCATED' where id = ?", orderA);
    refused(CUSTOMER, "UPDATE other's order", null, "update orders set notes = 'x' where id = ?", orderB);
    refused(CUSTOMER, "DELETE own order", "42501", "delete from orders where id = ?", orderA);
    refused(CUSTOMER, "UPDATE esim_packages price", null, "update esim_packages set final_price_usd = 0.01");
    refused(CUSTOMER, "INSERT fx_rates", "42501", "insert into fx_rates (uzs_per_usd, source) values (1, 'x')");
    refused(CUSTOMER, "UPDATE partner_earnings", null, "update partner_earnings set partner_sell_price_usd = 1");
    // Allowed: her own notes.
    assertThat(db.update(CUSTOMER, "update orders set notes = 'gift' where id = ?", orderA)).isEqualTo(1);
  }

  @Test
  void partnerCannotChangeItsRatesTotalsStatusOrPrices() {
    for (String set : List.of("discount_rate = 50", "custom_discount_rate = 50", "total_spent = 0", "total_savings = 1000",
        "total_orders_value_retail = 0", "total_orders = 0", "total_customers = 99", "status = 'suspended'", "user_id = id",
        "verified = true")) {
      refused(GRAND, "UPDATE partners." + set, "42501", "update partners set " + set + " where id = ?", SampleData.GRAND_TRAVEL);
    }
    refused(GRAND, "UPDATE other partner", null, "update partners set website = 'x' where id = ?", SampleData.SILK_ROAD);
    refused(GRAND, "UPDATE profiles.user_type", "42501", "update profiles set user_type = 'admin' where id = ?", SampleData.GRAND_TRAVEL_USER);
    refused(GRAND, "UPDATE order price", "42501", "update orders set price_usd = 1 where id = ?", grandOrders.get(0));
    refused(GRAND, "UPDATE order discount", "42501", "update orders set discount_rate = 50, discount_amount_usd = 7 where id = ?", grandOrders.get(0));
    refused(GRAND, "UPDATE order partner_id", "42501", "update orders set partner_id = ? where id = ?", SampleData.SILK_ROAD, grandOrders.get(0));
    refused(GRAND, "UPDATE other's order", null, "update orders set notes = 'x' where id = ?", silkOrders.get(0));
    refused(GRAND, "UPDATE earnings amount", "42501", "update partner_earnings set discount_amount_usd = 5 where order_id = ?", grandOrders.get(2));
    refused(GRAND, "DELETE earnings", "42501", "delete from partner_earnings where order_id = ?", grandOrders.get(2));
    refused(GRAND, "INSERT customer for other partner", "42501",
        "insert into partner_customers (partner_id, first_name, last_name, email) values (?, 'a', 'b', 'a@b.uz')", SampleData.SILK_ROAD);
    refused(GRAND, "UPDATE other's customer", null, "update partner_customers set phone = '+998900000000' where id = ?", SampleData.BOBUR);
    refused(GRAND, "DELETE other's customer", null, "delete from partner_customers where id = ?", SampleData.BOBUR);
    refused(GRAND, "MOVE own customer to other partner", "42501", "update partner_customers set partner_id = ? where id = ?",
        SampleData.SILK_ROAD, SampleData.AZIZA);
    refused(GRAND, "UPDATE customer totals", "42501", "update partner_customers set total_spent = 0 where id = ?", SampleData.AZIZA);
    refused(GRAND, "DELETE other's group", null, "delete from customer_groups where id = ?", samarkand);
    refused(GRAND, "INSERT member into other's group", "PT403", "insert into customer_group_members (group_id, customer_id) values (?, ?)",
        samarkand, SampleData.AZIZA);
    refused(GRAND, "UPDATE esim_packages", null, "update esim_packages set final_price_usd = 1");
    refused(GRAND, "INSERT esim_packages", "42501", "insert into esim_packages (package_code, name, final_price_usd) values ('X', 'X', 1)");
    // Allowed: its own contact fields.
    assertThat(db.update(GRAND, "update partners set business_phone = '+998901112233', website = 'grandtravel.uz' where id = ?",
        SampleData.GRAND_TRAVEL)).isEqualTo(1);
  }

  @Test
  void adminAndServiceMayManagePartners() {
    assertThat(db.update(ADMIN, "update partners set custom_discount_rate = 7.5 where id = ?", SampleData.SILK_ROAD)).isEqualTo(1);
    assertThat(db.value(OWNER, "select effective_discount_rate::text from partners where id = ?", SampleData.SILK_ROAD)).isEqualTo("7.50");
    assertThat(db.update(SERVICE, "update partners set custom_discount_rate = 10 where id = ?", SampleData.SILK_ROAD)).isEqualTo(1);
    assertThat(db.update(ADMIN, "update profiles set user_type = 'partner' where id = ?", customerB)).isEqualTo(1);
    assertThat(db.update(ADMIN, "update profiles set user_type = 'customer' where id = ?", customerB)).isEqualTo(1);
  }

  // ------------------------------------------------------------------ systematic: every table x every verb

  /** A column of {@code table} to write in a no-op assignment. */
  static String firstColumn(String table) {
    return (String) db.value(OWNER, "select column_name from information_schema.columns where table_schema = 'public' "
        + "and table_name = ? and is_generated = 'NEVER' and is_identity = 'NO' order by ordinal_position limit 1", table);
  }

  @Test
  void anonCanWriteNoTableAtAll() {
    for (String t : TABLES) {
      String col = firstColumn(t);
      refused(ANON, "INSERT " + t, "42501", "insert into public." + t + " default values");
      refused(ANON, "UPDATE " + t, "42501", "update public." + t + " set " + col + " = " + col);
      refused(ANON, "DELETE " + t, "42501", "delete from public." + t);
    }
  }

  @Test
  void customersCanDeleteNothingAndTouchNoRowOfAnotherUser() {
    for (Identity who : List.of(CUSTOMER, CUSTOMER_B)) {
      for (String t : TABLES) {
        Map<String, String> before = snapshot(db);
        try {
          int n = db.update(who, "delete from public." + t);
          assertThat(n).as(name(who) + " DELETE " + t).isZero();
          report.put(name(who) + " DELETE " + t, "0 rows");
        } catch (DatabaseException e) {
          assertThat(e.sqlState()).as(name(who) + " DELETE " + t).isEqualTo("42501");
          report.put(name(who) + " DELETE " + t, "denied 42501");
        }
        assertThat(snapshot(db)).as(name(who) + " DELETE " + t + " changed nothing").isEqualTo(before);
      }
    }
    // Updates of rows that are not theirs touch nothing, on every table they may update at all.
    for (String t : List.of("profiles", "orders", "partners", "partner_customers", "customer_groups", "partner_earnings", "fx_rates", "esim_packages")) {
      String col = firstColumn(t);
      String notMine = switch (t) {
        case "profiles" -> "id <> '" + SampleData.CUSTOMER_USER + "'";
        case "orders" -> "id <> '" + orderA + "'";
        default -> "true";
      };
      refused(CUSTOMER, "UPDATE others' " + t, null, "update public." + t + " set " + col + " = " + col + " where " + notMine);
    }
  }

  @Test
  void partnerBCanNeitherChangeNorDeleteAnythingOfPartnerA() {
    Map<String, String> where = Map.of(
        "partners", "id = '" + SampleData.GRAND_TRAVEL + "'",
        "partner_customers", "partner_id = '" + SampleData.GRAND_TRAVEL + "'",
        "customer_groups", "partner_id = '" + SampleData.GRAND_TRAVEL + "'",
        "customer_group_members", "group_id = '" + SampleData.ANTALYA_GROUP + "'",
        "orders", "partner_id = '" + SampleData.GRAND_TRAVEL + "'",
        "partner_earnings", "partner_id = '" + SampleData.GRAND_TRAVEL + "'",
        "order_action_logs", "true",
        "profiles", "id = '" + SampleData.GRAND_TRAVEL_USER + "'");
    where.forEach((t, cond) -> {
      String col = firstColumn(t);
      for (String verb : List.of("UPDATE", "DELETE")) {
        String sql = verb.equals("UPDATE") ? "update public." + t + " set " + col + " = " + col + " where " + cond
            : "delete from public." + t + " where " + cond;
        Map<String, String> before = snapshot(db);
        try {
          assertThat(db.update(SILK, sql)).as("partner B " + verb + " " + t).isZero();
          report.put(name(SILK) + " " + verb + " partner A's " + t, "0 rows");
        } catch (DatabaseException e) {
          assertThat(e.sqlState()).as("partner B " + verb + " " + t).isEqualTo("42501");
          report.put(name(SILK) + " " + verb + " partner A's " + t, "denied 42501");
        }
        assertThat(snapshot(db)).as("partner B " + verb + " " + t + " changed nothing").isEqualTo(before);
      }
    });
  }
}
