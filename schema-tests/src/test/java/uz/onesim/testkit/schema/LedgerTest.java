package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/** The earnings ledger follows the order; partner totals always equal the completed earnings. */
class LedgerTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);

  @AfterEach
  void totalsEqualLedger() {
    assertTotalsMatchLedger(db);
  }

  String earning(UUID order) {
    return (String) db.value(OWNER, "select status from partner_earnings where order_id = ?", order);
  }

  void assertTotals(int orders, String spent, String savings, String retail) {
    Map<String, Object> t = totals(db, SampleData.GRAND_TRAVEL);
    assertThat(t.get("total_orders")).isEqualTo(orders);
    assertThat(dec(t.get("total_spent"))).isEqualByComparingTo(spent);
    assertThat(dec(t.get("total_savings"))).isEqualByComparingTo(savings);
    assertThat(dec(t.get("total_orders_value_retail"))).isEqualByComparingTo(retail);
  }

  @Test
  void allocationByUpdateCompletesTheEarningAndAddsToTotals() {
    UUID id = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    assertThat(earning(id)).isEqualTo("pending");
    assertTotals(0, "0", "0", "0");
    setStatus(db, id, "PROCESSING");
    assertThat(earning(id)).isEqualTo("pending");
    setStatus(db, id, "ALLOCATED");
    assertThat(earning(id)).isEqualTo("completed");
    assertTotals(1, "14.25", "0.75", "15.00");
    Map<String, Object> customer = db.query(OWNER, "select total_orders, total_spent from partner_customers where id = ?", SampleData.AZIZA).get(0);
    assertThat(customer.get("total_orders")).isEqualTo(1);
    assertThat(dec(customer.get("total_spent"))).isEqualByComparingTo("14.25");
  }

  @Test
  void repeatedAllocationChangesNothing() {
    UUID id = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    allocate(db, id);
    setStatus(db, id, "ALLOCATED");
    setStatus(db, id, "ALLOCATED");
    assertTotals(1, "14.25", "0.75", "15.00");
    assertThat(db.value(OWNER, "select count(*) from partner_earnings where order_id = ?", id)).isEqualTo(1L);
  }

  @Test
  void allocationByInsertIsCountedToo() {
    // The spec's trigger only looked at UPDATE; an order imported already allocated must count.
    UUID id = (UUID) db.value(SERVICE, "insert into orders (source_type, user_id, partner_id, end_customer_id, package_code, order_status) "
        + "values ('b2b_partner', ?, ?, ?, 'TR_3GB_15D', 'ALLOCATED') returning id",
        SampleData.GRAND_TRAVEL_USER, SampleData.GRAND_TRAVEL, SampleData.JAHONGIR);
    assertThat(earning(id)).isEqualTo("completed");
    assertTotals(1, "19.00", "1.00", "20.00");
  }

  /**
   * One statement of new orders (the earnings and audit rows are written for the whole statement at
   * once, issue 29) still gives each order its own: an earning in the state the order was written
   * in, counted once in the totals when completed, and a 'created' audit row.
   */
  @Test
  void eachOrderOfOneInsertStatementGetsItsEarningAndItsAuditRow() {
    List<Map<String, Object>> written = db.query(OWNER, """
        insert into orders (source_type, user_id, partner_id, end_customer_id, package_code, order_status)
        select 'b2b_partner', ?, ?, ?, 'TR_3GB_15D', s from unnest(array['ALLOCATED', 'FAILED', 'PENDING']) s
        returning id, order_status""", SampleData.GRAND_TRAVEL_USER, SampleData.GRAND_TRAVEL, SampleData.JAHONGIR);
    assertThat(written).hasSize(3);
    for (Map<String, Object> order : written) {
      UUID id = (UUID) order.get("id");
      String expected = switch ((String) order.get("order_status")) {
        case "ALLOCATED" -> "completed";
        case "FAILED" -> "cancelled";
        default -> "pending";
      };
      assertThat(earning(id)).as("earning of the %s order", order.get("order_status")).isEqualTo(expected);
      List<Map<String, Object>> audit = db.query(OWNER, "select action, from_status, to_status from order_action_logs where order_id = ?", id);
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0).get("action")).isEqualTo("created");
      assertThat(audit.get(0).get("from_status")).isNull();
      assertThat(audit.get(0).get("to_status")).isEqualTo(order.get("order_status"));
    }
    assertTotals(1, "19.00", "1.00", "20.00");
    Map<String, Object> customer = db.query(OWNER, "select total_orders, total_spent from partner_customers where id = ?", SampleData.JAHONGIR).get(0);
    assertThat(customer.get("total_orders")).isEqualTo(1);
    assertThat(dec(customer.get("total_spent"))).isEqualByComparingTo("19.00");
  }

  @Test
  void cancellationAfterCompletionReversesTheTotals() {
    UUID kept = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_5GB);
    UUID refunded = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    allocate(db, kept);
    allocate(db, refunded);
    assertTotals(2, "38.00", "2.00", "40.00");
    setStatus(db, refunded, "CANCELLED");
    assertThat(earning(refunded)).isEqualTo("cancelled");
    assertTotals(1, "23.75", "1.25", "25.00");
    setStatus(db, refunded, "CANCELLED");
    assertTotals(1, "23.75", "1.25", "25.00");
  }

  @Test
  void failureWhilePendingCancelsTheEarningWithoutTouchingTotals() {
    UUID id = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    setStatus(db, id, "FAILED");
    assertThat(earning(id)).isEqualTo("cancelled");
    assertTotals(0, "0", "0", "0");
  }

  @Test
  void partnerCannotMoveItsOwnOrderOrTouchItsEarnings() {
    UUID id = partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    assertFails(() -> db.update(GRAND, "update orders set order_status = 'PROCESSING' where id = ?", id), "42501", "column_not_writable");
    assertFails(() -> db.update(GRAND, "update partner_earnings set status = 'completed' where order_id = ?", id), "42501", "column_not_writable");
    assertFails(() -> db.update(GRAND, "update partner_earnings set discount_amount_usd = 15 where order_id = ?", id), "42501", "column_not_writable");
    assertFails(() -> db.update(GRAND, "insert into partner_earnings (partner_id, order_id, retail_price_usd, discount_rate, "
        + "discount_amount_usd, partner_paid_usd) values (?, ?, 1, 1, 0.5, 0.5)", SampleData.GRAND_TRAVEL, UUID.randomUUID()), "42501", null);
    assertThat(earning(id)).isEqualTo("pending");
  }

  @Test
  void concurrentAllocationsAndCancellationsKeepTotalsExact() throws Exception {
    int n = 100;
    List<UUID> ids = new ArrayList<>();
    db.inTransaction(GRAND, c -> {
      try (var ps = c.prepareStatement("select id from place_partner_orders(?, ?, null, ?)")) {
        ps.setString(1, SampleData.TR_1GB);
        ps.setArray(2, c.createArrayOf("uuid", new Object[] {SampleData.AZIZA}));
        ps.setInt(3, n);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add((UUID) rs.getObject(1));
          }
        }
      }
      return null;
    });
    assertThat(ids).hasSize(n);
    db.update(SERVICE, "update orders set order_status = 'PROCESSING' where partner_id = ?", SampleData.GRAND_TRAVEL);

    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      // Every order allocated twice, from different threads, in random order.
      List<Callable<Integer>> allocations = new ArrayList<>();
      for (UUID id : ids) {
        allocations.add(() -> db.update(SERVICE, "update orders set order_status = 'ALLOCATED' where id = ?", id));
        allocations.add(() -> db.update(SERVICE, "update orders set order_status = 'ALLOCATED' where id = ?", id));
      }
      Collections.shuffle(allocations);
      for (Future<Integer> f : pool.invokeAll(allocations)) {
        assertThat(f.get()).isEqualTo(1);
      }
      assertTotals(n, "1425.00", "75.00", "1500.00");

      // Then 40 refunds (each sent twice) racing 10 repeated allocations of other orders.
      List<Callable<Integer>> mixed = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        UUID id = ids.get(i);
        mixed.add(() -> db.update(SERVICE, "update orders set order_status = 'CANCELLED' where id = ?", id));
        mixed.add(() -> db.update(SERVICE, "update orders set order_status = 'CANCELLED' where id = ?", id));
      }
      for (int i = 40; i < 50; i++) {
        UUID id = ids.get(i);
        mixed.add(() -> db.update(SERVICE, "update orders set order_status = 'ALLOCATED' where id = ?", id));
      }
      Collections.shuffle(mixed);
      for (Future<Integer> f : pool.invokeAll(mixed)) {
        assertThat(f.get()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTotals(60, "855.00", "45.00", "900.00");
    assertThat(db.value(OWNER, "select count(*) from partner_earnings where partner_id = ? and status = 'cancelled'",
        SampleData.GRAND_TRAVEL)).isEqualTo(40L);
  }
}
