package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.OWNER;
import static uz.onesim.testkit.schema.Db.SERVICE;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * Why allocation cannot deadlock with purchases or with another allocation (issue 26, defect 4):
 * {@code complete_allocation} takes every partner row its batch touches, in id order, before it
 * changes a single order. Shown deterministically: with the higher partner held by another
 * transaction, the allocation waits holding no lock on {@code orders} at all. Without the up-front
 * locks it would already have updated the first partner's order (and hold that partner), then wait:
 * the half of a cycle a purchase or another allocation closes.
 */
class AllocationLockOrderTest {
  @Test
  void allocationLocksEveryPartnerOfItsBatchBeforeItTouchesAnOrder() throws Exception {
    LocalDatabase db = LocalPostgres.shared().freshDatabase(true);
    UUID low = SampleData.GRAND_TRAVEL;     // a0…01 < a0…02
    UUID high = SampleData.SILK_ROAD;
    // one provider order for both partners' orders; the lower partner's order comes first
    db.update(OWNER, "insert into orders (user_id, partner_id, end_customer_id, source_type, package_code, order_status, payment_status, "
        + "esim_order_no, provider_transaction_id, created_at) values "
        + "(?, ?, ?, 'b2b_partner', ?, 'PROCESSING', 'paid', 'B-LOCK', 'txn-lock', now() - interval '2 minutes'), "
        + "(?, ?, ?, 'b2b_partner', ?, 'PROCESSING', 'paid', 'B-LOCK', 'txn-lock', now() - interval '1 minute')",
        SampleData.GRAND_TRAVEL_USER, low, SampleData.AZIZA, SampleData.TR_1GB,
        SampleData.SILK_ROAD_USER, high, UUID.fromString("c0000000-0000-4000-8000-000000000003"), SampleData.TR_1GB);
    String profiles = "[{\"esim_tran_no\":\"T-L1\",\"iccid\":\"8990000000000000101\"},"
        + "{\"esim_tran_no\":\"T-L2\",\"iccid\":\"8990000000000000102\"}]";
    try (Connection holder = db.connect()) {
      holder.setAutoCommit(false);
      try (Statement st = holder.createStatement()) {
        st.execute("select 1 from public.partners where id = '" + high + "' for no key update");   // a purchase of the higher partner, say
      }
      CompletableFuture<Object> allocation = CompletableFuture.supplyAsync(() ->
          db.value(SERVICE, "select count(*) from complete_allocation('B-LOCK', ?::jsonb)", profiles));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Object waiting;
      do {
        Thread.sleep(20);
        waiting = db.value(OWNER, "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' "
            + "and query like '%complete_allocation%'");
        assertThat(System.nanoTime()).as("the allocation waits for the held partner").isLessThan(deadline);
      } while (waiting == null);
      assertThat(db.value(OWNER, "select count(*) from pg_locks l where l.pid = ? and l.relation = 'public.orders'::regclass "
          + "and l.mode = 'RowExclusiveLock'", waiting)).as("no order touched while a partner of its batch is still to lock").isEqualTo(0L);
      holder.commit();
      assertThat(allocation.get(10, TimeUnit.SECONDS)).isEqualTo(2L);
    }
    assertThat(db.value(OWNER, "select count(*) from orders where esim_order_no = 'B-LOCK' and order_status = 'ALLOCATED'")).isEqualTo(2L);
  }
}
