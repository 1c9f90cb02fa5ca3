package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.GRAND;
import static uz.onesim.testkit.schema.Db.OWNER;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * A partner purchase writes each row once (issue 29): the orders are inserted already paid, never
 * updated a second time by the payment, and the partner's balance moves once per statement however
 * many orders it buys, as any ledger statement does for each partner it touches. Counted by PostgreSQL itself, for the purchase's own transaction
 * ({@code pg_stat_xact_user_tables}).
 */
class PurchaseWritesOnceTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);

  @Test
  void aPurchaseOfFourOrdersInsertsThemPaidAndMovesTheBalanceOnce() {
    BigDecimal before = Db.balance(db, SampleData.GRAND_TRAVEL);
    Map<String, long[]> writes = db.inTransaction(GRAND, c -> {
      query(c, "select count(*) from place_partner_orders('TR_1GB_7D', array['" + SampleData.AZIZA + "', '" + SampleData.JAHONGIR
          + "']::uuid[], null, 2)");
      return tableWrites(c);
    });
    assertThat(writes.get("orders")).as("orders: inserted, updated").containsExactly(4, 0);
    assertThat(writes.get("partner_ledger")).as("ledger: inserted, updated").containsExactly(4, 0);
    assertThat(writes.get("partner_earnings")).as("earnings: inserted, updated").containsExactly(4, 0);
    assertThat(writes.get("partners")).as("partners: inserted, updated (the balance, once)").containsExactly(0, 1);

    var orders = db.query(OWNER, "select payment_status, payment_reference, paid_at is not null as paid, price_usd from orders "
        + "where partner_id = ? and created_at = (select max(created_at) from orders where partner_id = ?)",
        SampleData.GRAND_TRAVEL, SampleData.GRAND_TRAVEL);
    assertThat(orders).hasSize(4).allSatisfy(o -> {
      assertThat(o.get("payment_status")).isEqualTo("paid");
      assertThat(o.get("payment_reference")).isEqualTo("balance");
      assertThat(o.get("paid")).isEqualTo(true);
    });
    BigDecimal paid = orders.stream().map(o -> (BigDecimal) o.get("price_usd")).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal after = Db.balance(db, SampleData.GRAND_TRAVEL);
    assertThat(paid).isPositive();
    assertThat(after).isEqualByComparingTo(before.subtract(paid));
    assertThat((BigDecimal) db.value(OWNER, "select sum(amount_usd) from partner_ledger where partner_id = ?", SampleData.GRAND_TRAVEL))
        .as("the balance is still the ledger's sum").isEqualByComparingTo(after);
  }

  @Test
  void oneLedgerStatementMovesEachPartnersBalanceOnceByItsSum() {
    BigDecimal grand = Db.balance(db, SampleData.GRAND_TRAVEL);
    BigDecimal silk = Db.balance(db, SampleData.SILK_ROAD);
    Map<String, long[]> writes = db.inTransaction(OWNER, c -> {
      query(c, "insert into partner_ledger (partner_id, kind, amount_usd, reference) values "
          + "('" + SampleData.SILK_ROAD + "', 'funding', 10.00, 'w-1'), ('" + SampleData.GRAND_TRAVEL + "', 'funding', 20.00, 'w-2'), "
          + "('" + SampleData.SILK_ROAD + "', 'adjustment', -2.50, 'w-3')");
      return tableWrites(c);
    });
    assertThat(writes.get("partners")).as("partners: inserted, updated (once each)").containsExactly(0, 2);
    assertThat(Db.balance(db, SampleData.GRAND_TRAVEL)).isEqualByComparingTo(grand.add(new BigDecimal("20.00")));
    assertThat(Db.balance(db, SampleData.SILK_ROAD)).isEqualByComparingTo(silk.add(new BigDecimal("7.50")));
  }

  /** Rows inserted and updated per public table in the current transaction. */
  static Map<String, long[]> tableWrites(Connection c) throws SQLException {
    Map<String, long[]> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select relname, n_tup_ins, n_tup_upd from pg_stat_xact_user_tables where schemaname = 'public'")) {
      while (rs.next()) {
        out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
      }
    }
    return out;
  }

  static void query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
