package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import uz.onesim.core.PricingVectors;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;

/** The SQL pricing function agrees with onesim-core on every shared vector, to the cent and the som. */
class PricingParityTest {
  static final LocalDatabase db = LocalPostgres.shared().freshDatabase();

  @Test
  void sqlPricingMatchesEverySharedVector() {
    List<PricingVectors.Vector> vectors = PricingVectors.load();
    int checked = db.inTransaction(Identity.superuser(), c -> {
      int n = 0;
      try (PreparedStatement ps = c.prepareStatement("select * from private.price_quote(?, ?, ?)")) {
        for (PricingVectors.Vector v : vectors) {
          ps.setBigDecimal(1, v.retailUsd());
          ps.setBigDecimal(2, v.rate());
          ps.setBigDecimal(3, v.fx());
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal("discount_usd")).as("discount %s", v).isEqualByComparingTo(v.discountUsd());
            assertThat(rs.getBigDecimal("paid_usd")).as("paid %s", v).isEqualByComparingTo(v.paidUsd());
            assertThat(rs.getBigDecimal("retail_uzs")).as("retail uzs %s", v).isEqualByComparingTo(v.retailUzs());
            assertThat(rs.getBigDecimal("paid_uzs")).as("paid uzs %s", v).isEqualByComparingTo(v.paidUzs());
            assertThat(rs.getBigDecimal("discount_uzs")).as("discount uzs %s", v).isEqualByComparingTo(v.discountUzs());
          }
          n++;
        }
      }
      return n;
    });
    assertThat(checked).isEqualTo(vectors.size()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void ordersArePricedThroughTheSameFunctionAsTheVectors() {
    // The order trigger stores what price_quote computes: check one real order against the vector.
    LocalDatabase sample = LocalPostgres.shared().freshDatabase(true);
    Object price = sample.value(Identity.superuser(),
        "insert into orders (source_type, user_id, partner_id, end_customer_id, package_code) "
            + "values ('b2b_partner', ?, ?, ?, 'TR_1GB_7D') returning price_uzs",
        uz.onesim.testkit.SampleData.GRAND_TRAVEL_USER, uz.onesim.testkit.SampleData.GRAND_TRAVEL,
        uz.onesim.testkit.SampleData.AZIZA);
    assertThat((BigDecimal) price).isEqualByComparingTo("180263");
  }
}
