package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiscountRateTest {

  @Test
  void defaultIsFivePercentWithScaleTwo() {
    assertThat(DiscountRate.DEFAULT.percent()).isEqualTo(new BigDecimal("5.00"));
    assertThat(DiscountRate.ZERO.percent()).isEqualTo(new BigDecimal("0.00"));
    assertThat(DiscountRate.DEFAULT).hasToString("5.00%");
  }

  @Test
  void equivalentSpellingsAreEqual() {
    DiscountRate a = DiscountRate.of("5");
    DiscountRate b = DiscountRate.of("5.0");
    DiscountRate c = DiscountRate.of("5.00");
    assertThat(a).isEqualTo(b).isEqualTo(c).isEqualTo(DiscountRate.DEFAULT);
    assertThat(a.hashCode()).isEqualTo(c.hashCode());
    assertThat(a.percent().scale()).isEqualTo(2);
    assertThat(DiscountRate.of("5.010")).isEqualTo(DiscountRate.of("5.01"));
  }

  @ParameterizedTest
  @CsvSource({"-1,out_of_range", "100.01,out_of_range", "abc,not_a_number", "5.001,too_many_decimals", "'',required"})
  void rejectsBadRatesWithATypedError(String text, String code) {
    assertThatThrownBy(() -> DiscountRate.of(text))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).has("discountRate", code)).isTrue())
        .hasMessageContaining("discountRate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.01", "7.50", "33.33", "100", "100.00"})
  void acceptsTheBoundsAndTypicalRates(String text) {
    assertThat(DiscountRate.of(text).percent()).isEqualByComparingTo(text);
  }

  @Test
  void effectiveRateIsTheCustomOneWhenSet() {
    DiscountRate custom = DiscountRate.of("10");
    assertThat(DiscountRate.effective(DiscountRate.DEFAULT, custom)).isEqualTo(custom);
    assertThat(DiscountRate.effective(DiscountRate.DEFAULT, null)).isEqualTo(DiscountRate.DEFAULT);
    assertThat(DiscountRate.effective(DiscountRate.DEFAULT, DiscountRate.ZERO)).isEqualTo(DiscountRate.ZERO);
  }

  @Test
  void discountOperatorReadsLikeTheBusiness() {
    assertThat(Amounts.usd("15.00").with(DiscountRate.DEFAULT.discount())).isEqualTo(Amounts.usd("0.75"));
    assertThat(DiscountRate.of("10").discountOn(Amounts.usd("15.00"))).isEqualTo(Amounts.usd("1.50"));
    assertThat(DiscountRate.DEFAULT.discountOn(new BigDecimal("10.10"))).isEqualTo(new BigDecimal("0.51"));
  }

  @Test
  void ordersByPercent() {
    assertThat(DiscountRate.of("3")).isLessThan(DiscountRate.DEFAULT);
    assertThat(DiscountRate.of("10")).isGreaterThan(DiscountRate.DEFAULT);
  }
}
