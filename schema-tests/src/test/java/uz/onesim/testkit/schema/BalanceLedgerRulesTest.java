package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.OWNER;

import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * Which balance-ledger rows the database accepts, whoever writes them (the owner here, so only the
 * constraints judge): a purchase takes money for an order or a top-up, a funding or a refund gives
 * money, an adjustment goes either way. Found by this test: a negative funding or refund without a
 * reference was accepted (the V26 rule compared "is a purchase" with "is a referenced debit").
 */
class BalanceLedgerRulesTest {
  static final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);   // one for all cases: each writes in a rolled-back transaction

  @ParameterizedTest(name = "{0} {1} with order {2}: accepted {3}")
  @CsvSource({
      "purchase,   -5, true,  true",
      "purchase,   -5, false, false",
      "purchase,    5, true,  false",
      "funding,     5, false, true",
      "funding,    -5, false, false",
      "funding,    -5, true,  false",
      "refund,      5, true,  true",
      "refund,     -5, false, false",
      "refund,     -5, true,  false",
      "adjustment, -5, false, true",
      "adjustment,  5, false, true"})
  void aLedgerRowMatchesItsKind(String kind, int amount, boolean withOrder, boolean accepted) {
    UUID order = Db.allocatedPartnerOrder(db, "T-L-" + UUID.randomUUID().toString().substring(0, 8));   // written by the owner: no ledger row of its own
    String outcome = db.inRolledBackTransaction(OWNER, c -> {
      try (var s = LocalDatabase.prepare(c, "insert into partner_ledger (partner_id, kind, amount_usd, order_id) values (?, ?, ?, ?)",
          SampleData.GRAND_TRAVEL, kind, new java.math.BigDecimal(amount), withOrder ? order : null)) {
        s.executeUpdate();
        return "accepted";
      } catch (SQLException e) {
        return e.getSQLState() + " " + e.getMessage();
      }
    });
    if (accepted) {
      assertThat(outcome).isEqualTo("accepted");
    } else {
      assertThat(outcome).startsWith("23514").contains("partner_ledger_kind_matches_amount");
    }
  }
}
