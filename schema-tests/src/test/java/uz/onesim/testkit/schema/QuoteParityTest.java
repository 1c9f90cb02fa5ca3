package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import uz.onesim.core.Amounts;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.FxRate;
import uz.onesim.core.PriceQuote;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * A quote is the order: random packages, partner rates and FX values; the Java quote made from
 * {@code price_inputs} equals, to the cent and the som, the order the database then stores
 * (issue 16). Each case runs in its own transaction, rolled back (one long transaction of savepoints
 * would keep every dead row version of the partner visible to it and slow each case down).
 */
class QuoteParityTest {
  static LocalDatabase db;
  static Connection c;

  /** One connection for all cases: each case runs in a transaction that is rolled back. */
  @BeforeContainer
  static void database() throws SQLException {
    db = LocalPostgres.shared().freshDatabase(true);
    c = db.connect();
    c.setAutoCommit(false);
  }

  @AfterContainer
  static void close() throws SQLException {
    c.rollback();
    c.close();
  }

  @Property(tries = 1000)
  void theQuoteEqualsTheStoredOrder(@ForAll("prices") BigDecimal retail, @ForAll("rates") BigDecimal rate,
      @ForAll("fxRates") BigDecimal fx) throws SQLException {
    try {
      exec(c, "insert into esim_packages (package_code, name, location_code, final_price_usd, is_active) values ('QP_1', 'QP', 'TR', ?, true)",
          retail);
      exec(c, "update partners set custom_discount_rate = ?, credit_limit_usd = 999999999999.99 where id = ?", rate, SampleData.SILK_ROAD);
      exec(c, "insert into fx_rates (uzs_per_usd, source, as_of) values (?, 'parity', now() + interval '1 day')", fx);
      exec(c, "set local role authenticated");
      exec(c, "select set_config('request.jwt.claims', ?, true)",
          "{\"sub\":\"" + SampleData.SILK_ROAD_USER + "\",\"role\":\"authenticated\"}");

      PriceQuote quote;
      try (PreparedStatement ps = LocalDatabase.prepare(c, "select * from price_inputs('QP_1')"); ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        quote = PriceQuote.of(Amounts.usd(rs.getBigDecimal("retail_usd")), DiscountRate.of(rs.getBigDecimal("discount_rate")),
            new FxRate(rs.getBigDecimal("uzs_per_usd"), rs.getString("fx_source"), Instant.now()));
      }
      try (PreparedStatement ps = LocalDatabase.prepare(c, "select retail_price_override_usd, discount_amount_usd, price_usd, "
          + "price_uzs, discount_amount_uzs, fx_rate_uzs, discount_rate from place_partner_order(?, 'QP_1')", SampleData.BOBUR);
           ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        String why = "retail " + retail + " rate " + rate + " fx " + fx;
        assertThat(rs.getBigDecimal("retail_price_override_usd")).as(why).isEqualByComparingTo(Amounts.decimal(quote.retail()));
        assertThat(rs.getBigDecimal("discount_amount_usd")).as(why).isEqualByComparingTo(Amounts.decimal(quote.discount()));
        assertThat(rs.getBigDecimal("price_usd")).as(why).isEqualByComparingTo(Amounts.decimal(quote.paid()));
        assertThat(rs.getBigDecimal("price_uzs")).as(why).isEqualByComparingTo(Amounts.decimal(quote.paidUzs()));
        assertThat(rs.getBigDecimal("discount_amount_uzs")).as(why).isEqualByComparingTo(Amounts.decimal(quote.discountUzs()));
        assertThat(rs.getBigDecimal("fx_rate_uzs")).as(why).isEqualByComparingTo(fx);
        assertThat(rs.getBigDecimal("discount_rate")).as(why).isEqualByComparingTo(rate);
      }
    } finally {
      c.rollback();
    }
  }

  static void exec(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = LocalDatabase.prepare(c, sql, params)) {
      ps.execute();
    }
  }

  @Provide
  Arbitrary<BigDecimal> prices() {
    return Arbitraries.oneOf(Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("99999999.99")).ofScale(2),
        Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("100.00")).ofScale(2),
        Arbitraries.of(new BigDecimal("15.00"), new BigDecimal("0.10"), new BigDecimal("0.30"), new BigDecimal("19.99")));
  }

  @Provide
  Arbitrary<BigDecimal> rates() {
    return Arbitraries.oneOf(Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(2),
        Arbitraries.of(new BigDecimal("5.00"), new BigDecimal("7.50"), new BigDecimal("33.33"), new BigDecimal("100.00")));
  }

  @Provide
  Arbitrary<BigDecimal> fxRates() {
    return Arbitraries.oneOf(Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("99999.9999")).ofScale(4),
        Arbitraries.bigDecimals().between(new BigDecimal("10000"), new BigDecimal("14000")).ofScale(2));
  }
}
