package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.FastMoney;
import org.junit.jupiter.api.Test;

class PriceQuoteTest {
  static final FxRate FX = new FxRate(new BigDecimal("12650"), "seed", Instant.parse("2026-11-01T00:00:00Z"));

  @Test
  void partnerAtFivePercentPays1425On1500() {
    PriceQuote q = PriceQuote.of(Amounts.usd("15.00"), DiscountRate.DEFAULT, FX);
    assertThat(q.retail()).isEqualTo(Amounts.usd("15.00"));
    assertThat(q.discount()).isEqualTo(Amounts.usd("0.75"));
    assertThat(q.paid()).isEqualTo(Amounts.usd("14.25"));
    assertThat(q.retailUzs()).isEqualTo(Amounts.uzs(189_750));
    assertThat(q.paidUzs()).isEqualTo(Amounts.uzs(180_263));
    assertThat(q.discountUzs()).isEqualTo(Amounts.uzs(9_487));
    assertThat(q.rate()).isEqualTo(DiscountRate.DEFAULT);
    assertThat(q.fx()).isSameAs(FX);
  }

  @Test
  void b2cQuoteHasNoDiscountInEitherCurrency() {
    PriceQuote q = PriceQuote.of(Amounts.usd("15.00"), DiscountRate.ZERO, FX);
    assertThat(q.paid()).isEqualTo(q.retail());
    assertThat(q.paidUzs()).isEqualTo(q.retailUzs()).isEqualTo(Amounts.uzs(189_750));
    assertThat(Amounts.decimal(q.discountUzs())).isZero();
  }

  @Test
  void amountsHaveTheCurrencyScale() {
    PriceQuote q = PriceQuote.of(Amounts.usd("15"), DiscountRate.DEFAULT, FX);
    assertThat(Amounts.decimal(q.paid()).scale()).isEqualTo(2);
    assertThat(Amounts.decimal(q.paid()).toPlainString()).isEqualTo("14.25");
    assertThat(Amounts.decimal(q.retailUzs()).scale()).isZero();
  }

  @Test
  void decimalRestoresTheCurrencyScaleWithoutRounding() {
    assertThat(Amounts.decimal(Amounts.usd("705")).toPlainString()).isEqualTo("705.00");
    assertThat(Amounts.decimal(Amounts.usd("0.5")).toPlainString()).isEqualTo("0.50");
    assertThat(Amounts.decimal(Amounts.usd("0.125")).toPlainString()).isEqualTo("0.125");
    assertThat(Amounts.decimal(Amounts.uzs(189_750)).toPlainString()).isEqualTo("189750");
  }

  @Test
  void acceptsOtherMonetaryAmountImplementations() {
    PriceQuote q = PriceQuote.of(FastMoney.of(15, "USD"), DiscountRate.DEFAULT, FX);
    assertThat(Amounts.decimal(q.paid())).isEqualByComparingTo("14.25");
  }

  @Test
  void rejectsAPriceInAnotherCurrency() {
    assertRejected(Amounts.uzs(189_750), "currency_mismatch");
  }

  @Test
  void rejectsMissingZeroNegativeAndSubCentPrices() {
    assertRejected(null, "required");
    assertRejected(Amounts.usd("0.00"), "must_be_positive");
    assertRejected(Amounts.usd("-1.00"), "must_be_positive");
    assertRejected(Amounts.usd("15.001"), "too_many_decimals");
  }

  @Test
  void acceptsTrailingZerosBeyondCents() {
    assertThat(PriceQuote.of(Amounts.usd("15.0000"), DiscountRate.DEFAULT, FX).paid()).isEqualTo(Amounts.usd("14.25"));
  }

  @Test
  void rejectsMissingRateOrFx() {
    assertThatThrownBy(() -> PriceQuote.of(Amounts.usd("1"), null, FX))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.has("discountRate", "required")).isTrue());
    assertThatThrownBy(() -> PriceQuote.of(Amounts.usd("1"), DiscountRate.ZERO, null))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.has("fx", "required")).isTrue());
  }

  @Test
  void fxMustBePositiveAndSourced() {
    assertThatThrownBy(() -> new FxRate(BigDecimal.ZERO, "x", Instant.EPOCH))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.has("fx.uzsPerUsd", "must_be_positive")).isTrue());
    assertThatThrownBy(() -> new FxRate(new BigDecimal("-12650"), "x", Instant.EPOCH))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new FxRate(new BigDecimal("12650"), " ", Instant.EPOCH))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.has("fx.source", "required")).isTrue());
  }

  @Test
  void constructorRefusesAQuoteThatDoesNotAddUp() {
    assertThatThrownBy(() -> new PriceQuote(
            Amounts.usd("15.00"), Amounts.usd("0.75"), Amounts.usd("14.00"), DiscountRate.DEFAULT, FX,
            Amounts.uzs(189_750), Amounts.uzs(9_487), Amounts.uzs(180_263)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.has("paid", "inconsistent")).isTrue());
  }

  @Test
  void actualProfitIsSellMinusPaidAndMayBeNegative() {
    PriceQuote q = PriceQuote.of(Amounts.usd("15.00"), DiscountRate.DEFAULT, FX);
    assertThat(q.actualProfitAt(Amounts.usd("20.00"))).isEqualTo(Amounts.usd("5.75"));
    assertThat(q.actualProfitAt(Amounts.usd("15.00"))).isEqualTo(Amounts.usd("0.75"));
    assertThat(q.actualProfitAt(Amounts.usd("10"))).isEqualTo(Amounts.usd("-4.25"));
    assertThat(q.actualProfitAt(Amounts.usd("0"))).isEqualTo(Amounts.usd("-14.25"));
  }

  @Test
  void sellPriceMustBeNonNegativeUsdCentsOrWholeSom() {
    PriceQuote q = PriceQuote.of(Amounts.usd("15.00"), DiscountRate.DEFAULT, FX);
    assertThat(q.actualProfitAt(Amounts.usd("20.00"))).isEqualTo(Amounts.usd("5.75"));
    assertThat(q.actualProfitAt(Amounts.uzs(253_000))).as("in som against the som paid").isEqualTo(Amounts.uzs(253_000 - 180_263));
    for (MonetaryAmount bad : new MonetaryAmount[] {Amounts.usd("-0.01"), Amounts.usd("1.001"), Amounts.uzs(-1),
        Amounts.uzs(new java.math.BigDecimal("1000.5")), org.javamoney.moneta.Money.of(10, "EUR")}) {
      assertThatThrownBy(() -> q.actualProfitAt(bad))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.violations()).singleElement().extracting(Violation::field).isEqualTo("sellPrice"));
    }
  }

  @Test
  void groupOf47OrdersAt15MatchesTheDashboardExample() {
    GroupQuote g = GroupQuote.of(Collections.nCopies(47, Amounts.usd("15.00")), DiscountRate.DEFAULT, FX);
    assertThat(g.size()).isEqualTo(47);
    assertThat(g.retail()).isEqualTo(Amounts.usd("705.00"));
    assertThat(g.paid()).isEqualTo(Amounts.usd("669.75"));
    assertThat(g.discount()).isEqualTo(Amounts.usd("35.25"));
    assertThat(g.paidUzs()).isEqualTo(Amounts.uzs(47L * 180_263));
  }

  @Test
  void groupRoundsPerOrderNotOnTheTotal() {
    // 0.10 @ 5 % is 0.005 -> 0.01 per order; on the total 1.00 @ 5 % it would be 0.05, not 0.10.
    GroupQuote g = GroupQuote.of(Collections.nCopies(10, Amounts.usd("0.10")), DiscountRate.DEFAULT, FX);
    assertThat(g.discount()).isEqualTo(Amounts.usd("0.10"));
    assertThat(g.paid()).isEqualTo(Amounts.usd("0.90"));
  }

  @Test
  void emptyGroupIsRejected() {
    assertThatThrownBy(() -> GroupQuote.of(java.util.List.of(), DiscountRate.DEFAULT, FX))
        .isInstanceOf(ValidationException.class);
  }

  private static void assertRejected(MonetaryAmount price, String code) {
    assertThatThrownBy(() -> PriceQuote.of(price, DiscountRate.DEFAULT, FX))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.has("retailPrice", code)).as(e.getMessage()).isTrue();
          assertThat(e.getMessage()).contains("retailPrice");
        });
  }
}
