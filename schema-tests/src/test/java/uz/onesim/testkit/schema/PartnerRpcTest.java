package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.*;

import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/** The partner RPCs: bulk orders in one call, idempotency, sell price logging. */
class PartnerRpcTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);

  /** Creates a group of {@code size} new customers of Grand Travel; returns its id. */
  UUID bigGroup(int size) {
    UUID group = (UUID) db.value(GRAND, "insert into customer_groups (name, destination_country_code) values ('Antalya 200', 'TR') returning id");
    db.update(GRAND, """
        with c as (
          insert into partner_customers (first_name, last_name, email)
          select 'Tourist', 'N' || i, 'tourist' || i || '@example.com' from generate_series(1, ?) i
          returning id)
        insert into customer_group_members (group_id, customer_id) select ?, id from c""", size, group);
    return group;
  }

  List<Map<String, Object>> placeForGroup(Identity who, UUID group, String pkg, String key) {
    return db.query(who, "select * from place_partner_orders(p_package_code => ?, p_group_id => ?, p_idempotency_key => ?)",
        pkg, group, key);
  }

  long count(String sql, Object... params) {
    return (Long) db.value(OWNER, sql, params);
  }

  @Test
  void oneCallOrdersForEveryMemberOfA200PersonGroup() {
    UUID group = bigGroup(200);
    assertThat(db.value(OWNER, "select group_size from customer_groups where id = ?", group)).isEqualTo(200);
    List<Map<String, Object>> orders = placeForGroup(GRAND, group, SampleData.TR_1GB, null);
    assertThat(orders).hasSize(200);
    assertThat(orders).extracting(o -> o.get("end_customer_id")).doesNotHaveDuplicates();
    assertThat(orders).allSatisfy(o -> {
      assertThat(dec(o.get("price_usd"))).isEqualByComparingTo("14.25");
      assertThat(o.get("customer_group_id")).isEqualTo(group);
      assertThat(o.get("order_status")).isEqualTo("PENDING");
    });
    assertThat(count("select count(*) from orders where customer_group_id = ?", group)).isEqualTo(200);
    assertThat(count("select count(*) from partner_earnings e join orders o on o.id = e.order_id where o.customer_group_id = ? and e.status = 'pending'",
        group)).isEqualTo(200);
  }

  @Test
  void sameIdempotencyKeyReturnsTheFirstCallsOrders() {
    UUID group = bigGroup(20);
    List<Map<String, Object>> first = placeForGroup(GRAND, group, SampleData.TR_1GB, "bulk-antalya-1");
    List<Map<String, Object>> again = placeForGroup(GRAND, group, SampleData.TR_1GB, "bulk-antalya-1");
    assertThat(again).extracting(o -> o.get("id")).containsExactlyElementsOf(first.stream().map(o -> o.get("id")).toList());
    assertThat(count("select count(*) from orders")).isEqualTo(20);
  }

  @Test
  void aBadMemberFailsTheWholeCallAndWritesNothing() {
    UUID group = bigGroup(199);
    List<UUID> customers = new ArrayList<>(db.query(OWNER, "select customer_id from customer_group_members where group_id = ?", group)
        .stream().map(r -> (UUID) r.get("customer_id")).toList());
    customers.add(SampleData.BOBUR);  // Silk Road's customer
    var before = snapshot(db);
    assertFails(() -> db.query(GRAND, "select id from place_partner_orders(p_package_code => ?, p_customer_ids => ?)",
        SampleData.TR_1GB, customers.toArray(UUID[]::new)), "PT403", "foreign_customer");
    assertFails(() -> placeForGroup(GRAND, group, "NO_SUCH_PACKAGE", null), "PT404", "unknown_package");
    assertThat(snapshot(db)).isEqualTo(before);
  }

  @Test
  void inputsAreValidated() {
    var before = snapshot(db);
    assertFails(() -> db.query(GRAND, "select id from place_partner_order(?, ?, 0)", SampleData.AZIZA, SampleData.TR_1GB), "PT400", "out_of_range");
    assertFails(() -> db.query(GRAND, "select id from place_partner_order(?, ?, 1001)", SampleData.AZIZA, SampleData.TR_1GB), "PT400", "out_of_range");
    assertFails(() -> db.query(GRAND, "select id from place_partner_orders(p_package_code => ?)", SampleData.TR_1GB), "PT400", "required");
    assertFails(() -> placeForGroup(SILK, SampleData.ANTALYA_GROUP, SampleData.TR_1GB, null), "PT404", "unknown_group");
    assertFails(() -> placeForGroup(CUSTOMER, SampleData.ANTALYA_GROUP, SampleData.TR_1GB, null), "PT403", "not_a_partner");
    UUID big = bigGroup(501);
    var afterGroup = snapshot(db);
    assertFails(() -> db.query(GRAND, "select id from place_partner_orders(p_package_code => ?, p_group_id => ?, p_quantity => 2)",
        SampleData.TR_1GB, big), "PT400", "too_many");
    assertThat(snapshot(db)).isEqualTo(afterGroup);
    assertThat(before.get("orders")).isEqualTo(afterGroup.get("orders"));
  }

  /**
   * The purchase runs as the owner (issue 29), so it names the caller's partner in every read itself:
   * a partner's user who is also an administrator (who sees every group and order through row level
   * security) still buys only for its own partner's groups; a replay of its key returns its orders.
   */
  @Test
  void aPartnerWhoIsAlsoAnAdminBuysOnlyForItsOwnGroups() {
    UUID silkGroup = (UUID) db.value(OWNER, "insert into customer_groups (partner_id, name) values (?, 'Silk trip') returning id",
        SampleData.SILK_ROAD);
    db.update(OWNER, "insert into customer_group_members (group_id, customer_id) values (?, ?)", silkGroup, SampleData.BOBUR);
    db.update(OWNER, "update profiles set user_type = 'admin' where id = ?", SampleData.GRAND_TRAVEL_USER);
    assertThat(db.value(GRAND, "select count(*) from customer_groups where id = ?", silkGroup)).as("an admin sees the group").isEqualTo(1L);
    var before = snapshot(db);
    assertFails(() -> placeForGroup(GRAND, silkGroup, SampleData.TR_1GB, null), "PT404", "unknown_group");
    assertThat(snapshot(db)).isEqualTo(before);

    List<Map<String, Object>> mine = db.query(GRAND, "select * from place_partner_order(?, ?, 1, 'admin-key')", SampleData.AZIZA, SampleData.TR_1GB);
    assertThat(db.query(GRAND, "select * from place_partner_order(?, ?, 1, 'admin-key')", SampleData.AZIZA, SampleData.TR_1GB))
        .extracting(o -> o.get("id")).containsExactly(mine.get(0).get("id"));
    assertThat(mine.get(0).get("partner_id")).isEqualTo(SampleData.GRAND_TRAVEL);
  }

  @Test
  void anonCannotCallAnyRpc() {
    assertFails(() -> db.query(ANON, "select id from place_partner_order(?, ?)", SampleData.AZIZA, SampleData.TR_1GB), "42501", null);
    assertFails(() -> db.query(ANON, "select partner_dashboard()"), "42501", null);
    assertFails(() -> db.query(ANON, "select log_sell_price(?, 1)", UUID.randomUUID()), "42501", null);
  }

  @Test
  void partnerLogsASellPriceAndSeesTheActualProfit() {
    UUID order = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    Map<String, Object> e = db.query(GRAND, "select * from log_sell_price(?, 20.00)", order).get(0);
    assertThat(dec(e.get("partner_sell_price_usd"))).isEqualByComparingTo("20.00");
    assertThat(dec(e.get("partner_actual_profit_usd"))).isEqualByComparingTo("5.75");
    Map<String, Object> low = db.query(GRAND, "select * from log_sell_price(?, 10)", order).get(0);
    assertThat(dec(low.get("partner_actual_profit_usd"))).isEqualByComparingTo("-4.25");

    assertFails(() -> db.query(GRAND, "select log_sell_price(?, -1)", order), "PT400", "must_not_be_negative");
    assertFails(() -> db.query(GRAND, "select log_sell_price(?, 1.001)", order), "PT400", "too_many_decimals");
    assertFails(() -> db.query(SILK, "select log_sell_price(?, 30)", order), "PT404", "unknown_order");
    assertThat(dec(db.value(OWNER, "select partner_sell_price_usd from partner_earnings where order_id = ?", order)))
        .isEqualByComparingTo("10.00");
  }

  @Test
  void aSellPriceInSomKeepsBothCurrenciesAtTheOrdersFx() {
    UUID order = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);   // paid 14.25 USD = 180 263 som at 12 650
    Map<String, Object> som = db.query(GRAND, "select * from log_sell_price(?, 253001, 'UZS')", order).get(0);
    assertThat(som.get("partner_sell_currency")).isEqualTo("UZS");
    assertThat(dec(som.get("partner_sell_price_uzs"))).isEqualByComparingTo("253001");
    assertThat(dec(som.get("partner_sell_price_usd"))).as("253 001 / 12 650 = 20.0000790 -> 20.00").isEqualByComparingTo("20.00");
    assertThat(dec(som.get("partner_actual_profit_uzs"))).isEqualByComparingTo("72738");
    assertThat(dec(som.get("partner_actual_profit_usd"))).isEqualByComparingTo("5.75");
    Map<String, Object> usd = db.query(GRAND, "select * from log_sell_price(?, 20.01)", order).get(0);
    assertThat(usd.get("partner_sell_currency")).isEqualTo("USD");
    assertThat(dec(usd.get("partner_sell_price_uzs"))).as("20.01 x 12 650 = 253 126.5 -> 253 127").isEqualByComparingTo("253127");

    assertFails(() -> db.query(GRAND, "select log_sell_price(?, 1.5, 'UZS')", order), "PT400", "too_many_decimals");
    assertFails(() -> db.query(GRAND, "select log_sell_price(?, 1, 'EUR')", order), "PT400", "unknown_currency");
    assertFails(() -> db.update(GRAND, "update partner_earnings set partner_sell_price_usd = 1, partner_sell_price_uzs = 2 where order_id = ?",
        order), "PT400", "one_currency");
    db.update(GRAND, "update partner_earnings set partner_sell_price_uzs = 126500 where order_id = ?", order);
    assertThat(dec(db.value(OWNER, "select partner_sell_price_usd from partner_earnings where order_id = ?", order)))
        .as("a direct write in som derives USD too").isEqualByComparingTo("10.00");
    assertFails(() -> db.update(GRAND, "update partner_earnings set partner_sell_currency = 'EUR' where order_id = ?", order),
        "23514", null);
    assertFails(() -> db.update(GRAND, "update partner_earnings set partner_sell_price_uzs = 5000, partner_sell_currency = 'USD' "
        + "where order_id = ?", order), "PT400", "one_currency");
    Map<String, Object> same = db.query(GRAND, "select * from log_sell_price(?, 10.00)", order).get(0);
    assertThat(same.get("partner_sell_currency")).as("the same amount entered in the other currency").isEqualTo("USD");
    assertThat(dec(same.get("partner_sell_price_uzs"))).isEqualByComparingTo("126500");
  }

  @Test
  void dashboardReproducesTheSpecsFortySevenOrders() {
    List<Map<String, Object>> orders = db.query(GRAND, "select id from place_partner_order(?, ?, 47)", SampleData.AZIZA, SampleData.TR_1GB);
    assertThat(orders).hasSize(47);
    db.update(SERVICE, "update orders set order_status = 'PROCESSING' where partner_id = ?", SampleData.GRAND_TRAVEL);
    db.update(SERVICE, "update orders set order_status = 'ALLOCATED' where partner_id = ?", SampleData.GRAND_TRAVEL);
    // More rows in the other tables must not multiply the sums (the spec's view joined them).
    db.update(GRAND, "insert into customer_groups (name) values ('Dubai'), ('Istanbul')");
    UUID pending = partnerOrder(db, GRAND, SampleData.JAHONGIR, SampleData.TR_5GB);

    Map<String, Object> stats = db.query(GRAND, "select * from v_partner_dashboard_stats").get(0);
    assertThat(stats.get("partner_id")).isEqualTo(SampleData.GRAND_TRAVEL);
    assertThat(stats.get("total_orders")).isEqualTo(47);
    assertThat(stats.get("orders_placed")).isEqualTo(48L);
    assertThat(stats.get("active_orders")).isEqualTo(47L);
    assertThat(stats.get("pending_orders")).isEqualTo(1L);
    assertThat(dec(stats.get("total_spent_usd"))).isEqualByComparingTo("669.75");
    assertThat(dec(stats.get("total_orders_value_retail_usd"))).isEqualByComparingTo("705.00");
    assertThat(dec(stats.get("total_savings_usd"))).isEqualByComparingTo("35.25");
    assertThat(dec(stats.get("effective_discount_percent"))).isEqualByComparingTo("5.00");
    assertThat(dec(stats.get("effective_discount_rate"))).isEqualByComparingTo("5.00");
    assertThat(dec(stats.get("total_spent_uzs"))).isEqualByComparingTo(String.valueOf(47L * 180_263));
    assertThat(stats.get("month_orders")).isEqualTo(47L);
    assertThat(dec(stats.get("month_spent_usd"))).isEqualByComparingTo("669.75");
    assertThat(stats.get("total_groups")).isEqualTo(3L);
    assertThat(stats.get("total_customers")).isEqualTo(2);

    String json = (String) db.value(GRAND, "select partner_dashboard(p_recent => 3)::text");
    assertThat(json).contains("\"total_spent_usd\": 669.75", "\"total_savings_usd\": 35.25", "\"total_orders_value_retail_usd\": 705.00");
    assertThat(json).contains("\"id\": \"" + pending + "\"");
    long recent = (Long) db.value(GRAND, "select jsonb_array_length(partner_dashboard(p_recent => 3)->'recent_orders')::bigint");
    assertThat(recent).isEqualTo(3);
    Map<String, Object> aziza = db.query(GRAND,
        "select c->>'total_orders' as n, c->>'total_spent' as spent from jsonb_array_elements(partner_dashboard()->'customers') c "
            + "where c->>'id' = ?", SampleData.AZIZA.toString()).get(0);
    assertThat(aziza.get("n")).isEqualTo("47");
    assertThat(aziza.get("spent")).isEqualTo("669.75");

    assertThat(db.query(SILK, "select * from v_partner_dashboard_stats")).extracting(r -> r.get("partner_id"))
        .containsExactly(SampleData.SILK_ROAD);
    assertFails(() -> db.query(SILK, "select partner_dashboard(?)", SampleData.GRAND_TRAVEL), "PT404", "unknown_partner");
    assertThat(db.query(ADMIN, "select * from v_partner_dashboard_stats")).hasSize(2);
    assertThat((String) db.value(ADMIN, "select partner_dashboard(?)::text", SampleData.GRAND_TRAVEL)).contains("669.75");
  }

  @Test
  void ordersViewShowsTheEndCustomersEmail() {
    UUID b2b = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    UUID b2c = (UUID) db.value(CUSTOMER, "insert into orders (source_type, user_id, package_code) values ('b2c', ?, 'TR_1GB_7D') returning id",
        SampleData.CUSTOMER_USER);
    assertThat(db.value(GRAND, "select end_customer_email from v_orders_complete where id = ?", b2b)).isEqualTo("aziza@example.com");
    assertThat(db.value(CUSTOMER, "select end_customer_email from v_orders_complete where id = ?", b2c)).isEqualTo("dilnoza@example.com");
    assertThat(db.query(GRAND, "select id from v_orders_complete")).extracting(r -> r.get("id")).containsExactly(b2b);
    assertThat(db.query(CUSTOMER, "select id from v_orders_complete")).extracting(r -> r.get("id")).containsExactly(b2c);
    assertThat(db.value(GRAND, "select package_name from v_orders_complete where id = ?", b2b)).isEqualTo("Turkey 1GB 7 Days");
    assertFails(() -> db.query(ANON, "select * from v_orders_complete"), "42501", null);
  }
}
