package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uz.onesim.testkit.schema.Db.OWNER;
import static uz.onesim.testkit.schema.Db.SERVICE;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.DatabaseException;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * What a worker may do once its claim was taken over (issue 26): nothing. An after-sale request is
 * recorded only by the worker that holds it; a top-up is sent only while its worker holds a live
 * lease, and sending extends that lease so nobody else claims it while the call may still land.
 */
class LeaseFenceTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);

  UUID allocatedPartnerOrder(String tranNo) {
    return Db.allocatedPartnerOrder(db, tranNo);
  }

  @Test
  void anAfterSaleWorkerWhoseClaimWasTakenOverRecordsNothing() {
    UUID order = allocatedPartnerOrder("T-FENCE-1");
    db.update(OWNER, "insert into after_sale_requests (order_id, partner_id, kind, status) values (?, ?, 'resend', 'pending')", order,
        SampleData.GRAND_TRAVEL);
    UUID request = (UUID) db.value(SERVICE, "select id from claim_after_sale_requests('stale', 10, 60)");
    db.update(OWNER, "update after_sale_requests set lease_until = now() - interval '1 second'");
    assertThat(db.value(SERVICE, "select id from claim_after_sale_requests('fresh', 10, 60)")).isEqualTo(request);

    DatabaseException lost = catchThrowableOfType(() -> db.value(SERVICE,
        "select status from complete_after_sale_request(?, 'stale', 'done', 'sent')", request), DatabaseException.class);
    assertThat(lost.detail()).isEqualTo("lease_lost");
    assertThat(db.value(OWNER, "select status from after_sale_requests where id = ?", request)).isEqualTo("pending");
    assertThat(db.value(SERVICE, "select status from complete_after_sale_request(?, 'fresh', 'done', 'sent')", request))
        .isEqualTo("done");
  }

  @Test
  void aTopUpIsSentOnlyUnderALiveLeaseAndSendingHoldsItForTheCall() {
    UUID order = allocatedPartnerOrder("T-FENCE-2");
    UUID topUp = (UUID) db.value(OWNER, "insert into topups (order_id, partner_id, package_code, status, payment_status, retail_usd, "
        + "discount_rate, discount_usd, paid_usd) values (?, ?, 'TR_TOPUP_1GB', 'pending', 'paid', 6.00, 5.00, 0.30, 5.70) returning id", order, SampleData.GRAND_TRAVEL);
    assertThat(db.value(SERVICE, "select id from claim_topups('a', 10, 60)")).isEqualTo(topUp);

    DatabaseException notYours = catchThrowableOfType(() -> db.value(SERVICE, "select id from start_topup(?, 'b', 60)", topUp),
        DatabaseException.class);
    assertThat(notYours.detail()).isEqualTo("lease_lost");
    assertThat(db.value(SERVICE, "select id from start_topup(?, 'a', 600)", topUp)).isEqualTo(topUp);
    assertThat((Boolean) db.value(OWNER, "select lease_until > now() + interval '590 seconds' from topups where id = ?", topUp))
        .as("held for the whole call").isTrue();
    db.update(OWNER, "update topups set lease_until = now() - interval '1 second' where id = ?", topUp);
    DatabaseException expired = catchThrowableOfType(() -> db.value(SERVICE, "select id from start_topup(?, 'a', 60)", topUp),
        DatabaseException.class);
    assertThat(expired.detail()).as("a lease that ran out sends nothing").isEqualTo("lease_lost");
  }
}
