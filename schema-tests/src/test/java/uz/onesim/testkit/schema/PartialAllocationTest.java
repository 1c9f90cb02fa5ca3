package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.OWNER;
import static uz.onesim.testkit.schema.Db.SERVICE;

import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * A provider order whose profiles arrive over several answers (the first query saw only some):
 * each {@code complete_allocation} gives the batch's still-unallocated orders the profiles not yet
 * given, one each, however many were given before, so no order is left waiting for a profile
 * that is already there.
 */
class PartialAllocationTest {
  @Test
  void profilesGivenInTwoAnswersAllocateEveryOrderOfTheBatch() {
    LocalDatabase db = LocalPostgres.shared().freshDatabase(true);
    for (int i = 1; i <= 3; i++) {
      db.update(OWNER, "insert into orders (user_id, partner_id, end_customer_id, source_type, package_code, order_status, payment_status, "
          + "esim_order_no, provider_transaction_id, created_at) values "
          + "(?, ?, ?, 'b2b_partner', ?, 'PROCESSING', 'paid', 'B-PART', 'txn-part', now() - make_interval(mins => ?))",
          SampleData.GRAND_TRAVEL_USER, SampleData.GRAND_TRAVEL, SampleData.AZIZA, SampleData.TR_1GB, 10 - i);
    }
    String first = "[{\"esim_tran_no\":\"T-P1\",\"iccid\":\"8990000000000000201\"}]";
    String all = "[{\"esim_tran_no\":\"T-P1\",\"iccid\":\"8990000000000000201\"},"
        + "{\"esim_tran_no\":\"T-P2\",\"iccid\":\"8990000000000000202\"},"
        + "{\"esim_tran_no\":\"T-P3\",\"iccid\":\"8990000000000000203\"}]";
    assertThat(db.value(SERVICE, "select count(*) from complete_allocation('B-PART', ?::jsonb)", first)).isEqualTo(1L);
    assertThat(db.value(SERVICE, "select count(*) from complete_allocation('B-PART', ?::jsonb)", all))
        .as("the two orders left get the two profiles left").isEqualTo(2L);
    assertThat(db.query(OWNER, "select esim_tran_no from orders where esim_order_no = 'B-PART' order by created_at"))
        .extracting(r -> r.get("esim_tran_no")).containsExactly("T-P1", "T-P2", "T-P3");
    assertThat(db.value(SERVICE, "select count(*) from complete_allocation('B-PART', ?::jsonb)", all))
        .as("asked again: nothing left to give").isEqualTo(0L);
  }
}
