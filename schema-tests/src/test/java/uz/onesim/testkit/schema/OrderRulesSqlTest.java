package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.*;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/** The database prices every order itself and enforces the source rules, whatever the client sends. */
class OrderRulesSqlTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);

  Map<String, Object> order(UUID id) {
    return db.query(OWNER, "select * from orders where id = ?", id).get(0);
  }

  long orderCount() {
    return (Long) db.value(OWNER, "select count(*) from orders");
  }

  @Test
  void partnerAtFivePercentPays1425For1500() {
    UUID id = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    Map<String, Object> o = order(id);
    assertThat(o.get("source_type")).isEqualTo("b2b_partner");
    assertThat(dec(o.get("retail_price_override_usd"))).isEqualByComparingTo("15.00");
    assertThat(dec(o.get("discount_rate"))).isEqualByComparingTo("5.00");
    assertThat(dec(o.get("discount_amount_usd"))).isEqualByComparingTo("0.75");
    assertThat(dec(o.get("price_usd"))).isEqualByComparingTo("14.25");
    assertThat(dec(o.get("partner_paid_usd"))).isEqualByComparingTo("14.25");
    assertThat(dec(o.get("price_uzs"))).isEqualByComparingTo("180263");
    assertThat(dec(o.get("partner_paid_uzs"))).isEqualByComparingTo("180263");
    assertThat(dec(o.get("discount_amount_uzs"))).isEqualByComparingTo("9487");
    assertThat(dec(o.get("fx_rate_uzs"))).isEqualByComparingTo("12650");
    assertThat(o.get("discount_applicable")).isEqualTo(true);
    assertThat(o.get("order_status")).isEqualTo("PENDING");
    assertThat(o.get("user_id")).isEqualTo(SampleData.GRAND_TRAVEL_USER);
    assertThat(o.get("end_customer_type")).isEqualTo("b2b_partner_customer");
    assertThat(o.get("customer_first_name")).isEqualTo("Aziza");
    assertThat(o.get("customer_email")).isEqualTo("aziza@example.com");
    assertThat(o.get("transaction_id")).isEqualTo("onesim-" + id);
    Map<String, Object> earning = db.query(OWNER, "select * from partner_earnings where order_id = ?", id).get(0);
    assertThat(earning.get("status")).isEqualTo("pending");
    assertThat(dec(earning.get("discount_amount_usd"))).isEqualByComparingTo("0.75");
    assertThat(dec(earning.get("retail_price_usd"))).isEqualByComparingTo("15.00");
  }

  @Test
  void customRatePartnerGetsItsOwnDiscount() {
    UUID id = partnerOrder(db, SILK, SampleData.BOBUR, SampleData.TR_1GB);
    Map<String, Object> o = order(id);
    assertThat(dec(o.get("discount_rate"))).isEqualByComparingTo("10.00");
    assertThat(dec(o.get("price_usd"))).isEqualByComparingTo("13.50");
    assertThat(dec(o.get("discount_amount_usd"))).isEqualByComparingTo("1.50");
    assertThat(dec(o.get("price_uzs"))).isEqualByComparingTo("170775");
  }

  @Test
  void b2cOrderIsAtRetailWithNoDiscount() {
    UUID id = (UUID) db.value(CUSTOMER,
        "insert into orders (source_type, user_id, package_code) values ('b2c', ?, 'TR_1GB_7D') returning id",
        SampleData.CUSTOMER_USER);
    Map<String, Object> o = order(id);
    assertThat(dec(o.get("price_usd"))).isEqualByComparingTo("15.00");
    assertThat(dec(o.get("price_uzs"))).isEqualByComparingTo("189750");
    assertThat(dec(o.get("discount_amount_usd"))).isEqualByComparingTo("0");
    assertThat(dec(o.get("discount_rate"))).isEqualByComparingTo("0");
    assertThat(o.get("discount_applicable")).isEqualTo(false);
    assertThat(o.get("partner_paid_usd")).isNull();
    assertThat(o.get("end_customer_id")).isEqualTo(SampleData.CUSTOMER_USER);
    assertThat(o.get("end_customer_type")).isEqualTo("b2c");
    assertThat(o.get("customer_email")).isEqualTo("dilnoza@example.com");
    assertThat(db.value(OWNER, "select count(*) from partner_earnings where order_id = ?", id)).isEqualTo(0L);
  }

  @Test
  void forgedPricesRatesAndStatusAreOverwritten() {
    UUID id = (UUID) db.value(GRAND, """
        insert into orders (source_type, user_id, partner_id, end_customer_id, package_code, price_usd, price_uzs,
          discount_rate, discount_amount_usd, partner_paid_usd, retail_price_override_usd, order_status, iccid,
          fx_rate_uzs, discount_applicable)
        values ('b2b_partner', ?, ?, ?, 'TR_1GB_7D', 1.00, 1, 90, 14.00, 1.00, 1.00, 'ALLOCATED', '8901', 1, false)
        returning id""", SampleData.GRAND_TRAVEL_USER, SampleData.GRAND_TRAVEL, SampleData.AZIZA);
    Map<String, Object> o = order(id);
    assertThat(dec(o.get("price_usd"))).isEqualByComparingTo("14.25");
    assertThat(dec(o.get("discount_rate"))).isEqualByComparingTo("5.00");
    assertThat(dec(o.get("discount_amount_usd"))).isEqualByComparingTo("0.75");
    assertThat(dec(o.get("retail_price_override_usd"))).isEqualByComparingTo("15.00");
    assertThat(dec(o.get("fx_rate_uzs"))).isEqualByComparingTo("12650");
    assertThat(o.get("discount_applicable")).isEqualTo(true);
    assertThat(o.get("order_status")).isEqualTo("PENDING");
    assertThat(o.get("iccid")).isNull();
    assertThat(totals(db, SampleData.GRAND_TRAVEL).get("total_orders")).isEqualTo(0);
  }

  @Test
  void partnerCannotOrderForAnotherPartnersCustomer() {
    long before = orderCount();
    assertFails(() -> partnerOrder(db, GRAND, SampleData.BOBUR, SampleData.TR_1GB), "PT403", "foreign_customer");
    assertThat(orderCount()).isEqualTo(before);
  }

  @Test
  void partnerCannotOrderAsAnotherPartner() {
    long before = orderCount();
    assertFails(() -> db.update(GRAND, "insert into orders (source_type, user_id, partner_id, end_customer_id, package_code) "
            + "values ('b2b_partner', ?, ?, ?, 'TR_1GB_7D')",
        SampleData.GRAND_TRAVEL_USER, SampleData.SILK_ROAD, SampleData.BOBUR), "PT403", "not_your_partner");
    assertThat(orderCount()).isEqualTo(before);
  }

  @Test
  void suspendedPartnerCannotOrder() {
    db.update(OWNER, "update partners set status = 'suspended' where id = ?", SampleData.GRAND_TRAVEL);
    long before = orderCount();
    assertFails(() -> partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB), "PT403", "partner_not_active");
    assertThat(orderCount()).isEqualTo(before);
  }

  @Test
  void unknownAndRetiredPackagesAreRefused() {
    assertFails(() -> partnerOrder(db, GRAND, SampleData.AZIZA, "NO_SUCH"), "PT404", "unknown_package");
    assertFails(() -> partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.RETIRED), "PT404", "unknown_package");
    assertThat(orderCount()).isZero();
  }

  @Test
  void b2cOrderCannotCarryAPartner() {
    assertFails(() -> db.update(OWNER, "insert into orders (source_type, user_id, partner_id, package_code) values ('b2c', ?, ?, 'TR_1GB_7D')",
        SampleData.CUSTOMER_USER, SampleData.GRAND_TRAVEL), "PT400", "not_allowed");
  }

  @Test
  void customerCannotOrderForSomeoneElseNorPlaceAdminOrders() {
    assertFails(() -> db.update(CUSTOMER, "insert into orders (source_type, user_id, package_code) values ('b2c', ?, 'TR_1GB_7D')",
        SampleData.GRAND_TRAVEL_USER), "42501", null);
    assertFails(() -> db.update(CUSTOMER, "insert into orders (source_type, user_id, package_code, customer_first_name, "
            + "customer_last_name, customer_email) values ('admin', ?, 'TR_1GB_7D', 'A', 'B', 'a@b.uz')",
        SampleData.CUSTOMER_USER), "PT403", "admin_only");
    assertFails(() -> partnerOrder(db, CUSTOMER, SampleData.AZIZA, SampleData.TR_1GB), "PT403", "not_a_partner");
    assertThat(orderCount()).isZero();
  }

  @Test
  void adminOrderNeedsCustomerDetailsAndUsesThePartnerRateWhenSet() {
    assertFails(() -> db.update(ADMIN, "insert into orders (source_type, user_id, package_code, customer_first_name) "
        + "values ('admin', ?, 'TR_1GB_7D', 'Ali')", SampleData.ADMIN_USER), "PT400", "customer_details_required");
    UUID walkIn = (UUID) db.value(ADMIN, "insert into orders (source_type, user_id, package_code, customer_first_name, "
        + "customer_last_name, customer_phone) values ('admin', ?, 'TR_1GB_7D', 'Ali', 'Valiyev', '+998903333333') returning id",
        SampleData.ADMIN_USER);
    assertThat(dec(order(walkIn).get("price_usd"))).isEqualByComparingTo("15.00");
    UUID forPartner = (UUID) db.value(ADMIN, "insert into orders (source_type, user_id, partner_id, end_customer_id, package_code) "
        + "values ('admin', ?, ?, ?, 'TR_1GB_7D') returning id", SampleData.ADMIN_USER, SampleData.SILK_ROAD, SampleData.BOBUR);
    assertThat(dec(order(forPartner).get("price_usd"))).isEqualByComparingTo("13.50");
    assertThat(order(forPartner).get("customer_first_name")).isEqualTo("Bobur");
    assertFails(() -> db.update(ADMIN, "insert into orders (source_type, user_id, partner_id, end_customer_id, package_code) "
        + "values ('admin', ?, ?, ?, 'TR_1GB_7D')", SampleData.ADMIN_USER, SampleData.SILK_ROAD, SampleData.AZIZA), "PT403", "foreign_customer");
  }

  @Test
  void groupMustBelongToTheOrderingPartner() {
    assertFails(() -> db.update(SILK, "insert into orders (source_type, user_id, partner_id, end_customer_id, customer_group_id, package_code) "
            + "values ('b2b_partner', ?, ?, ?, ?, 'TR_1GB_7D')",
        SampleData.SILK_ROAD_USER, SampleData.SILK_ROAD, SampleData.BOBUR, SampleData.ANTALYA_GROUP), "PT403", "foreign_group");
  }

  @Test
  void placedOrdersKeepTheirPriceAndFxWhenTheCatalogueOrRateChanges() {
    UUID first = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    db.update(OWNER, "update esim_packages set final_price_usd = 30.00 where package_code = 'TR_1GB_7D'");
    db.update(OWNER, "insert into fx_rates (uzs_per_usd, source, as_of) values (13000, 'test', now())");
    db.update(OWNER, "update partners set custom_discount_rate = 10 where id = ?", SampleData.GRAND_TRAVEL);
    UUID second = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    assertThat(dec(order(first).get("price_usd"))).isEqualByComparingTo("14.25");
    assertThat(dec(order(first).get("fx_rate_uzs"))).isEqualByComparingTo("12650");
    assertThat(dec(order(second).get("price_usd"))).isEqualByComparingTo("27.00");
    assertThat(dec(order(second).get("price_uzs"))).isEqualByComparingTo(new BigDecimal("27.00").multiply(new BigDecimal("13000")));
  }

  @Test
  void illegalStatusTransitionsAreRefusedAndLegalOnesLogged() {
    UUID id = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    assertFails(() -> setStatus(db, id, "ALLOCATED"), "PT409", "illegal_transition");
    setStatus(db, id, "PROCESSING");
    setStatus(db, id, "FAILED");
    assertFails(() -> setStatus(db, id, "PROCESSING"), "PT409", "illegal_transition");
    assertFails(() -> setStatus(db, id, "ALLOCATED"), "PT409", "illegal_transition");
    setStatus(db, id, "FAILED");  // same status: a no-op, not an error
    assertThat(db.query(OWNER, "select action, from_status, to_status, actor_role from order_action_logs where order_id = ? order by created_at, action",
        id)).extracting(r -> r.get("action") + ":" + r.get("from_status") + "->" + r.get("to_status") + "@" + r.get("actor_role"))
        .containsExactly("created:null->PENDING@authenticated", "status_changed:PENDING->PROCESSING@service_role",
            "status_changed:PROCESSING->FAILED@service_role");
  }
}
