package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.OWNER;
import static uz.onesim.testkit.schema.Db.SERVICE;

import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * Reconcile's claim after a pass of it failed (the database went away mid-pass, or the claim's
 * answer was lost): the same worker's next pass takes its batch again at once; another worker
 * still waits for the lease.
 */
class ReconcileClaimTest {
  @Test
  void aReconcilerResumesItsOwnBatchAndNobodyElseTakesIt() {
    LocalDatabase db = LocalPostgres.shared().freshDatabase(true);
    for (int i = 0; i < 2; i++) {
      db.update(OWNER, "insert into orders (user_id, partner_id, end_customer_id, source_type, package_code, order_status, payment_status, "
          + "esim_order_no, provider_transaction_id, created_at) values "
          + "(?, ?, ?, 'b2b_partner', ?, 'PROCESSING', 'paid', 'B-REC', 'txn-rec', now() - interval '10 minutes')",
          SampleData.GRAND_TRAVEL_USER, SampleData.GRAND_TRAVEL, SampleData.AZIZA, SampleData.TR_1GB);
    }
    String claim = "select count(*) from claim_processing_orders(?, 900, 120)";
    assertThat(db.value(SERVICE, claim, "host-reconcile")).isEqualTo(2L);
    assertThat(db.value(SERVICE, claim, "other-reconcile")).as("leased to the first").isEqualTo(0L);
    assertThat(db.value(SERVICE, claim, "host-reconcile")).as("its own batch, resumed").isEqualTo(2L);
    assertThat(db.value(OWNER, "select count(*) from orders where provider_transaction_id = 'txn-rec' and lease_worker = 'host-reconcile' "
        + "and lease_until > now() + interval '100 seconds'")).as("under a fresh lease").isEqualTo(2L);
  }
}
