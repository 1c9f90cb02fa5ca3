package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PricingPropertiesTest {

  @Provide
  Arbitrary<BigDecimal> retail() {
    return Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("99999999.99")).ofScale(2);
  }

  @Provide
  Arbitrary<BigDecimal> rate() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(2);
  }

  @Provide
  Arbitrary<BigDecimal> fx() {
    return Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("100000")).ofScale(2);
  }

  @Property(tries = 2000)
  void retailIsPaidPlusDiscountInBothCurrencies(
      @ForAll("retail") BigDecimal retail, @ForAll("rate") BigDecimal rate, @ForAll("fx") BigDecimal fx) {
    PriceQuote q = quote(retail, rate, fx);
    assertThat(d(q.paid()).add(d(q.discount()))).isEqualByComparingTo(d(q.retail()));
    assertThat(d(q.paidUzs()).add(d(q.discountUzs()))).isEqualByComparingTo(d(q.retailUzs()));
  }

  @Property(tries = 2000)
  void discountIsBetweenZeroAndRetail(@ForAll("retail") BigDecimal retail, @ForAll("rate") BigDecimal rate) {
    PriceQuote q = quote(retail, rate, new BigDecimal("12650"));
    assertThat(d(q.discount())).isBetween(BigDecimal.ZERO, retail);
    assertThat(d(q.discountUzs())).isGreaterThanOrEqualTo(BigDecimal.ZERO);
    assertThat(d(q.paidUzs())).isGreaterThanOrEqualTo(BigDecimal.ZERO);
  }

  @Property(tries = 500)
  void zeroRateMeansNoDiscount(@ForAll("retail") BigDecimal retail, @ForAll("fx") BigDecimal fx) {
    PriceQuote q = quote(retail, BigDecimal.ZERO, fx);
    assertThat(d(q.discount())).isZero();
    assertThat(d(q.discountUzs())).isZero();
    assertThat(q.paidUzs()).isEqualTo(q.retailUzs());
  }

  @Property(tries = 2000)
  void discountIsMonotoneInRate(
      @ForAll("retail") BigDecimal retail, @ForAll("rate") BigDecimal a, @ForAll("rate") BigDecimal b) {
    BigDecimal low = a.min(b);
    BigDecimal high = a.max(b);
    PriceQuote ql = quote(retail, low, new BigDecimal("12650"));
    PriceQuote qh = quote(retail, high, new BigDecimal("12650"));
    assertThat(d(ql.discount())).isLessThanOrEqualTo(d(qh.discount()));
    assertThat(d(ql.paid())).isGreaterThanOrEqualTo(d(qh.paid()));
  }

  private static PriceQuote quote(BigDecimal retail, BigDecimal rate, BigDecimal fx) {
    return PriceQuote.of(Amounts.usd(retail), DiscountRate.of(rate), new FxRate(fx, "prop", Instant.EPOCH));
  }

  private static BigDecimal d(javax.money.MonetaryAmount a) {
    return Amounts.decimal(a);
  }
}
