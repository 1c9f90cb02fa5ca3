package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.OWNER;
import static uz.onesim.testkit.schema.Db.SERVICE;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * A claim hands its rows to the worker oldest first, whatever order they lie in on disk: a worker
 * works them in the order it gets them, and a resend asked before a cancellation must go out before
 * it (found by CI: an after-sale pass cancelled first, then refused the resend). Each case makes the
 * oldest row the last one stored (an update writes a new version of it) before it claims.
 */
class ClaimOrderTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);

  UUID allocatedPartnerOrder(String tranNo) {
    return Db.allocatedPartnerOrder(db, tranNo);
  }

  /** Orders 1, 2, 3 (their notes), oldest first, in {@code status}; then order 1 is updated, so it is stored last. */
  void threeOrdersTheOldestStoredLast(String status, String providerTransaction) {
    for (int i = 1; i <= 3; i++) {
      db.update(OWNER, "insert into orders (user_id, partner_id, source_type, package_code, order_status, payment_status, end_customer_id, "
          + "provider_transaction_id, notes, created_at) values (?, ?, 'b2b_partner', ?, ?, 'paid', ?, ?, ?, now() - make_interval(mins => 10 - ?))",
          SampleData.GRAND_TRAVEL_USER, SampleData.GRAND_TRAVEL, SampleData.TR_1GB, status, SampleData.AZIZA, providerTransaction, "order " + i, i);
    }
    db.update(OWNER, "update orders set metadata = '{\"touched\": true}' where notes = 'order 1'");
  }

  List<Object> column(String sql, String column) {
    return db.query(SERVICE, sql).stream().map(r -> r.get(column)).toList();
  }

  @Test
  void afterSaleRequestsComeOldestFirst() {
    UUID order = allocatedPartnerOrder("T-ORDER-1");
    db.update(OWNER, "insert into after_sale_requests (order_id, partner_id, kind, status, created_at) values "
        + "(?, ?, 'resend', 'pending', now() - interval '2 minutes'), (?, ?, 'cancel', 'pending', now() - interval '1 minute')",
        order, SampleData.GRAND_TRAVEL, order, SampleData.GRAND_TRAVEL);
    db.update(OWNER, "update after_sale_requests set reason = 'asked twice' where kind = 'resend'");
    assertThat(column("select kind from claim_after_sale_requests('w', 10, 60)", "kind")).containsExactly("resend", "cancel");
  }

  @Test
  void providerEventsComeInTheOrderTheyArrived() {
    db.update(OWNER, "insert into provider_events (notify_id, notify_type, esim_tran_no, payload) values "
        + "('n-1', 'ESIM_STATUS', 'T-1', '{\"n\": 1}'), ('n-2', 'ESIM_STATUS', 'T-1', '{\"n\": 2}'), ('n-3', 'ESIM_STATUS', 'T-1', '{\"n\": 3}')");
    db.update(OWNER, "update provider_events set attempts = 1 where notify_id = 'n-1'");
    assertThat(column("select notify_id from claim_provider_events('w', 10, 60)", "notify_id")).containsExactly("n-1", "n-2", "n-3");
  }

  @Test
  void paidOrdersComeOldestFirst() {
    threeOrdersTheOldestStoredLast("PENDING", null);
    assertThat(column("select notes from claim_pending_orders('w', 10, 60)", "notes")).containsExactly("order 1", "order 2", "order 3");
  }

  @Test
  void stuckOrdersComeOldestFirst() {
    threeOrdersTheOldestStoredLast("PROCESSING", "TXN-1");
    assertThat(column("select notes from claim_processing_orders('w', 10, 60)", "notes")).containsExactly("order 1", "order 2", "order 3");
  }
}
