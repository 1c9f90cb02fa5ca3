package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PricingVectorsTest {

  static Stream<PricingVectors.Vector> vectors() {
    return PricingVectors.load().stream();
  }

  @Test
  void fileHoldsTheRequiredCases() {
    List<PricingVectors.Vector> all = PricingVectors.load();
    assertThat(all).hasSizeGreaterThanOrEqualTo(25);
    assertThat(all).anySatisfy(v -> {
      assertThat(v.retailUsd()).isEqualByComparingTo("705.00");
      assertThat(v.paidUsd()).isEqualByComparingTo("669.75");
    });
    assertThat(all).anySatisfy(v -> assertThat(v.retailUsd()).isEqualByComparingTo("99999999.99"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void javaPricingMatchesTheSharedVector(PricingVectors.Vector v) {
    FxRate fx = new FxRate(v.fx(), "vectors", Instant.EPOCH);
    PriceQuote q = PriceQuote.of(Amounts.usd(v.retailUsd()), DiscountRate.of(v.rate()), fx);

    assertThat(Amounts.decimal(q.retail())).isEqualByComparingTo(v.retailUsd());
    assertThat(Amounts.decimal(q.discount())).isEqualByComparingTo(v.discountUsd());
    assertThat(Amounts.decimal(q.paid())).isEqualByComparingTo(v.paidUsd());
    assertThat(Amounts.decimal(q.retailUzs())).isEqualByComparingTo(v.retailUzs());
    assertThat(Amounts.decimal(q.paidUzs())).isEqualByComparingTo(v.paidUzs());
    assertThat(Amounts.decimal(q.discountUzs())).isEqualByComparingTo(v.discountUzs());
  }
}
