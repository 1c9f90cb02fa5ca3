package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.GRAND;
import static uz.onesim.testkit.schema.Db.OWNER;
import static uz.onesim.testkit.schema.Db.SERVICE;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * A partner order written straight into the table is paid from the balance when it is written,
 * whoever writes it (V16): the service role's order in any payment state other than awaiting or
 * paid is refused and writes nothing; one it marks paid is still debited, once; a partner cannot
 * choose its order's payment state at all.
 */
class DirectInsertPaymentTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);

  static final String INSERT = "insert into orders (source_type, partner_id, end_customer_id, package_code, payment_status) "
      + "values ('b2b_partner', '" + SampleData.GRAND_TRAVEL + "', '" + SampleData.AZIZA + "', 'TR_1GB_7D', ?)";

  @Test
  void theServiceRolesOrderInAnotherPaymentStateIsRefusedAndWritesNothing() {
    for (String state : new String[] {"refunded", "expired"}) {
      Map<String, String> before = Db.snapshot(db);
      Db.assertFails(() -> db.update(SERVICE, INSERT, state), "PT400", "invalid_payment_status");
      assertThat(Db.snapshot(db)).as(state).isEqualTo(before);
    }
  }

  @Test
  void anOrderMarkedPaidIsStillDebitedOnce() {
    BigDecimal before = Db.balance(db, SampleData.GRAND_TRAVEL);
    assertThat(db.update(SERVICE, INSERT, "paid")).isEqualTo(1);
    Map<String, Object> order = newestOrder();
    assertThat(order.get("payment_status")).isEqualTo("paid");
    assertThat(order.get("payment_reference")).isEqualTo("balance");
    assertThat(db.value(OWNER, "select count(*) from partner_ledger where order_id = ? and kind = 'purchase'", order.get("id")))
        .isEqualTo(1L);
    assertThat(Db.balance(db, SampleData.GRAND_TRAVEL)).isEqualByComparingTo(before.subtract((BigDecimal) order.get("price_usd")));
  }

  /**
   * The 1 000-order cap counts the rows of one call (V12, orders_cap_per_call): 1 000 in one
   * statement are written and paid, a second statement of 1 000 in the same transaction is a call
   * of its own, and 1 001 in one statement are refused before anything is written.
   */
  @Test
  void aPartnersDirectInsertMayWriteExactly1000OrdersPerCall() {
    db.update(OWNER, "update partners set balance_usd = 1000000 where id = ?", SampleData.GRAND_TRAVEL);
    String rows = "insert into orders (source_type, end_customer_id, package_code) select 'b2b_partner', '" + SampleData.AZIZA
        + "', 'TR_1GB_7D' from generate_series(1, ?)";
    int[] written = db.inRolledBackTransaction(GRAND, c -> {
      try (var first = LocalDatabase.prepare(c, rows, 1000); var second = LocalDatabase.prepare(c, rows, 1000)) {
        return new int[] {first.executeUpdate(), second.executeUpdate()};
      }
    });
    assertThat(written).containsExactly(1000, 1000);
    Map<String, String> before = Db.snapshot(db);
    Db.assertFails(() -> db.update(GRAND, rows, 1001), "PT400", "too_many");
    assertThat(Db.snapshot(db)).isEqualTo(before);
  }

  @Test
  void aPartnerCannotChooseItsOrdersPaymentState() {
    BigDecimal before = Db.balance(db, SampleData.GRAND_TRAVEL);
    assertThat(db.update(GRAND, INSERT, "refunded")).isEqualTo(1);
    Map<String, Object> order = newestOrder();
    assertThat(order.get("payment_status")).as("reset to awaiting by the column decisions, then paid").isEqualTo("paid");
    assertThat(Db.balance(db, SampleData.GRAND_TRAVEL)).isEqualByComparingTo(before.subtract((BigDecimal) order.get("price_usd")));
  }

  /** A top-up of Grand Travel's allocated order, written straight into the table in {@code state} (its twin rule: V26). */
  static final String TOPUP = "insert into topups (order_id, partner_id, package_code, retail_usd, discount_rate, discount_usd, paid_usd, "
      + "payment_status) values (?, '" + SampleData.GRAND_TRAVEL + "', 'TR_TOPUP_1GB', 6.00, 5.00, 0.30, 5.70, ?)";

  @Test
  void aTopUpFollowsTheSameRuleRefusedInAnotherStateAndDebitedOnceWhenMarkedPaid() {
    java.util.UUID order = Db.allocatedPartnerOrder(db, "T-DIRECT-TOPUP");
    Map<String, String> before = Db.snapshot(db);
    Db.assertFails(() -> db.update(SERVICE, TOPUP, order, "refunded"), "PT400", "invalid_payment_status");
    assertThat(Db.snapshot(db)).as("a refused top-up writes nothing").isEqualTo(before);

    BigDecimal balance = Db.balance(db, SampleData.GRAND_TRAVEL);
    assertThat(db.update(SERVICE, TOPUP, order, "paid")).isEqualTo(1);
    assertThat(db.query(OWNER, "select t.payment_status, t.payment_reference, (select count(*) from partner_ledger l "
        + "where l.topup_id = t.id and l.kind = 'purchase') as debits from topups t where t.order_id = ?", order))
        .extracting(r -> r.get("payment_status") + "/" + r.get("payment_reference") + "/" + r.get("debits"))
        .as("marked paid by the backend: still paid from the balance, once").containsExactly("paid/balance/1");
    assertThat(Db.balance(db, SampleData.GRAND_TRAVEL)).isEqualByComparingTo(balance.subtract(new BigDecimal("5.70")));
  }

  /** The order just written for Grand Travel (its payment and what it cost). */
  Map<String, Object> newestOrder() {
    return db.query(OWNER, "select id, price_usd, payment_status, payment_reference from orders "
        + "where partner_id = ? order by created_at desc limit 1", SampleData.GRAND_TRAVEL).get(0);
  }
}
