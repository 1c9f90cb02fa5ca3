package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.ADMIN;
import static uz.onesim.testkit.schema.Db.GRAND;
import static uz.onesim.testkit.schema.Db.OWNER;
import static uz.onesim.testkit.schema.Db.SERVICE;
import static uz.onesim.testkit.schema.Db.SILK;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.DatabaseException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * A long random day (fixed seed) of every write the roles can attempt: purchases, group purchases,
 * eSIM top-ups (bought from the balance, some refused by the provider and credited back), balance
 * fundings, adjustments, fulfilment, failures, cancellations, and the hostile writes of admins and
 * the service role (reprice an order, edit an earning, rewrite the ledger, set totals, delete).
 * After every step the money invariants hold (issues 14 and 17):
 * balance == ledger sum >= -credit; every paid partner order has exactly one debit and at most one
 * refund, and a refund only when it failed or was cancelled; no debit without its order; partner
 * totals == completed earnings == allocated orders.
 */
class MoneyInvariantsTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);
  final Random random = new Random(20261123L);
  final List<UUID> pending = new ArrayList<>();
  final List<UUID> allocated = new ArrayList<>();
  int refusedHostileWrites;

  @Test
  void twoThousandRandomStepsKeepEveryMoneyInvariant() {
    db.update(OWNER, "update partners set credit_limit_usd = 50.00 where id = ?", SampleData.SILK_ROAD);
    db.value(ADMIN, "select id from partner_account_entry(?, 'adjustment', -99900.00, null, 'start small')", SampleData.GRAND_TRAVEL);
    db.value(ADMIN, "select id from partner_account_entry(?, 'adjustment', -99950.00, null, 'start small')", SampleData.SILK_ROAD);
    for (int step = 0; step < 2000; step++) {
      int move = random.nextInt(15);
      try {
        switch (move) {
          case 0, 1, 2 -> buy(random.nextBoolean() ? GRAND : SILK, random.nextBoolean() ? SampleData.AZIZA : SampleData.BOBUR,
              1 + random.nextInt(3));
          case 3 -> db.query(GRAND, "select id from place_partner_orders(?, null, ?, 1)", SampleData.TR_1GB, SampleData.ANTALYA_GROUP)
              .forEach(r -> pending.add((UUID) r.get("id")));
          case 4 -> db.value(ADMIN, "select id from partner_account_entry(?, 'funding', ?, 'bank-' || ?, null)", partner(),
              new BigDecimal(random.nextInt(200) + ".00").add(BigDecimal.ONE), step);
          case 5 -> db.value(ADMIN, "select id from partner_account_entry(?, 'adjustment', ?, null, 'random')", partner(),
              new BigDecimal((random.nextInt(41) - 20) + ".50"));
          case 6 -> move(pending, "PROCESSING", "ALLOCATED", allocated);
          case 7 -> move(pending, "FAILED", null, null);
          case 8 -> move(allocated, "CANCELLED", null, null);
          case 9 -> hostile();
          case 10 -> move(pending, "FAILED", null, null);
          case 11 -> topUp();
          case 12 -> failTopUp();
          // the direct-insert path (POST /orders) pays from the balance too; RLS shows each partner its own customers
          case 13 -> pending.add((UUID) db.value(random.nextBoolean() ? GRAND : SILK, "insert into orders (source_type, end_customer_id, "
              + "package_code) select 'b2b_partner', c.id, ? from partner_customers c order by c.id limit 1 returning id", SampleData.TR_1GB));
          default -> buy(GRAND, SampleData.JAHONGIR, 1);
        }
      } catch (DatabaseException refused) {
        assertThat(refused.sqlState()).as("step %d move %d: %s", step, move, refused.getMessage())
            .matches("PT4\\d\\d|42501|23514|23505|22003|P0001");
      }
      if (step % 50 == 49) {
        assertInvariants("after step " + step);
      }
    }
    assertInvariants("at the end");
    assertThat(refusedHostileWrites).as("hostile writes tried and refused").isGreaterThan(50);
    assertThat((Long) db.value(OWNER, "select count(*) from partner_ledger where kind = 'refund'")).isPositive();
    assertThat((Long) db.value(OWNER, "select count(*) from orders where order_status = 'ALLOCATED'")).isPositive();
    assertThat((Long) db.value(OWNER, "select count(*) from topups where payment_status = 'paid'")).as("top-ups bought").isPositive();
    assertThat((Long) db.value(OWNER, "select count(*) from partner_ledger where kind = 'refund' and topup_id is not null"))
        .as("top-ups credited back").isPositive();
  }

  UUID partner() {
    return random.nextBoolean() ? SampleData.GRAND_TRAVEL : SampleData.SILK_ROAD;
  }

  void buy(Identity who, UUID customer, int quantity) {
    UUID c = who == SILK ? SampleData.BOBUR : customer;
    db.query(who, "select id from place_partner_order(?, ?, ?)", c, SampleData.TR_1GB, quantity)
        .forEach(r -> pending.add((UUID) r.get("id")));
  }

  void move(List<UUID> from, String status, String then, List<UUID> to) {
    if (from.isEmpty()) {
      return;
    }
    UUID order = from.remove(random.nextInt(from.size()));
    db.update(SERVICE, "update orders set order_status = ? where id = ?", status, order);
    if (then != null) {
      db.update(SERVICE, "update orders set order_status = ?, iccid = '89' || substr(md5(random()::text), 1, 16), "
          + "esim_tran_no = 'T' || substr(md5(random()::text), 1, 12) where id = ?", then, order);
      to.add(order);
    }
  }

  /** The order's partner buys a top-up for one of its allocated eSIMs, paid from its balance. */
  void topUp() {
    if (allocated.isEmpty()) {
      return;
    }
    UUID order = allocated.get(random.nextInt(allocated.size()));
    Identity owner = SampleData.SILK_ROAD.equals(db.value(OWNER, "select partner_id from orders where id = ?", order)) ? SILK : GRAND;
    db.value(owner, "select id from buy_topup(?, 'TR_TOPUP_1GB')", order);
  }

  /** The provider refuses a paid top-up: the backend fails it and the partner is credited back once. */
  void failTopUp() {
    Object topUp = db.value(OWNER, "select id from topups where status = 'pending' and payment_status = 'paid' order by created_at, id limit 1");
    if (topUp != null) {
      db.value(SERVICE, "select status from complete_topup(?, 'failed', null, null, null, 'refused by the provider')", topUp);
    }
  }

  void hostile() {
    List<Map<String, Object>> ids = db.query(OWNER, "select id from orders order by id");
    if (ids.isEmpty()) {
      return;
    }
    UUID any = (UUID) ids.get(random.nextInt(ids.size())).get("id");
    String[] attempts = {
        "update orders set price_usd = 0.01 where id = '" + any + "'",
        "update partner_earnings set discount_amount_usd = 999 where order_id = '" + any + "'",
        "update partner_earnings set status = 'completed' where order_id = '" + any + "'",
        "update partner_ledger set amount_usd = 1000000 where order_id = '" + any + "'",
        "delete from partner_ledger where order_id = '" + any + "'",
        "update partners set balance_usd = 1000000, total_spent = 0",
        "delete from orders where id = '" + any + "'",
        "update orders set payment_status = 'paid' where payment_status <> 'paid'",
        "insert into partner_ledger (partner_id, kind, amount_usd, reference) values ('" + SampleData.GRAND_TRAVEL + "', 'funding', 1000000, 'x')"};
    for (Identity who : List.of(ADMIN, SERVICE, GRAND)) {
      String sql = attempts[random.nextInt(attempts.length)];
      String before = moneyFingerprint();
      try {
        db.update(who, sql);
        // Accepted only when it changed no money (RLS hid the rows, or the value was already that).
        assertThat(moneyFingerprint()).as("%s as %s", sql, who).isEqualTo(before);
      } catch (DatabaseException refused) {
        refusedHostileWrites++;
      }
    }
  }

  /**
   * Every figure money depends on, as one fingerprint: per table the row count and an
   * order-independent sum of 64-bit row hashes (no sort, no string building, so a step costs the
   * same early and late in the run).
   */
  String moneyFingerprint() {
    return (String) db.value(OWNER, """
        select concat_ws('|',
          (select count(*) || ':' || coalesce(sum(hashtextextended(concat_ws(',', id, price_usd, price_uzs, discount_amount_usd, order_status, payment_status), 0)::numeric), 0) from orders),
          (select count(*) || ':' || coalesce(sum(hashtextextended(concat_ws(',', id, partner_paid_usd, discount_amount_usd, retail_price_usd, status), 0)::numeric), 0) from partner_earnings),
          (select count(*) || ':' || coalesce(sum(hashtextextended(concat_ws(',', id, partner_id, kind, amount_usd, order_id, topup_id), 0)::numeric), 0) from partner_ledger),
          (select count(*) || ':' || coalesce(sum(hashtextextended(concat_ws(',', id, paid_usd, discount_usd, retail_usd, status, payment_status), 0)::numeric), 0) from topups),
          (select count(*) || ':' || coalesce(sum(hashtextextended(concat_ws(',', id, balance_usd, credit_limit_usd, total_orders, total_spent, total_savings), 0)::numeric), 0) from partners))""");
  }

  void assertInvariants(String when) {
    assertThat(db.query(OWNER, """
        select p.id, p.balance_usd, coalesce(sum(l.amount_usd), 0) as ledger
        from partners p left join partner_ledger l on l.partner_id = p.id
        group by p.id having p.balance_usd <> coalesce(sum(l.amount_usd), 0) or p.balance_usd < -p.credit_limit_usd""")).as(
        "balance == ledger sum >= -credit, " + when).isEmpty();
    assertThat(db.query(OWNER, """
        select o.id from orders o where o.partner_id is not null and o.payment_status in ('paid', 'refunded') and o.price_usd > 0
          and (select count(*) from partner_ledger l where l.order_id = o.id and l.kind = 'purchase') <> 1""")).as(
        "paid partner orders with other than one debit, " + when).isEmpty();
    assertThat(db.query(OWNER, """
        select o.id from orders o where o.partner_id is not null and o.price_usd > 0
          and (o.payment_status = 'refunded') <> exists (select 1 from partner_ledger l where l.order_id = o.id and l.kind = 'refund')""")).as(
        "partner orders whose payment status and refund disagree, " + when).isEmpty();
    assertThat(db.query(OWNER, """
        select l.order_id from partner_ledger l join orders o on o.id = l.order_id
        where l.kind = 'refund' and o.order_status not in ('FAILED', 'CANCELLED')""")).as("refunds of live orders, " + when).isEmpty();
    assertThat(db.query(OWNER, """
        select order_id from partner_ledger where kind = 'refund' and order_id is not null group by order_id having count(*) > 1""")).as(
        "double refunds, " + when).isEmpty();
    assertThat(db.query(OWNER, """
        select t.id from topups t where t.partner_id is not null and t.payment_status in ('paid', 'refunded') and t.paid_usd > 0
          and (select count(*) from partner_ledger l where l.topup_id = t.id and l.kind = 'purchase') <> 1""")).as(
        "paid partner top-ups with other than one debit, " + when).isEmpty();
    assertThat(db.query(OWNER, """
        select t.id from topups t where t.partner_id is not null and t.paid_usd > 0
          and (select count(*) from partner_ledger l where l.topup_id = t.id and l.kind = 'refund') <> (case when t.status = 'failed' then 1 else 0 end)""")).as(
        "top-ups refunded other than once when failed, " + when).isEmpty();
    assertThat(db.query(OWNER, """
        select o.id from orders o where o.partner_id is not null and o.payment_status not in ('paid', 'refunded')""")).as(
        "partner orders without their payment, " + when).isEmpty();
    Db.assertTotalsMatchLedger(db);
    List<Map<String, Object>> allocatedVsCompleted = db.query(OWNER, """
        select p.id from partners p where p.total_orders <> (select count(*) from orders o where o.partner_id = p.id
          and o.order_status = 'ALLOCATED')""");
    assertThat(allocatedVsCompleted).as("partner totals == allocated orders, " + when).isEmpty();
  }
}
