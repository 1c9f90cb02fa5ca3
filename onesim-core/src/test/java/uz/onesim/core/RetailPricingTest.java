package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetailPricingTest {
  @ParameterizedTest
  @CsvSource({"10.00,50,15.00", "1.0001,50,1.51", "9.99,0,9.99", "0.0001,50,0.01", "12.3456,33.33,16.47", "6.6667,50,10.01", "10,0.5,10.05"})
  void retailIsWholesalePlusMarginRoundedUpToTheCent(String wholesale, String margin, String retail) {
    assertThat(RetailPricing.retail(Amounts.usd(wholesale), new BigDecimal(margin))).isEqualTo(Amounts.usd(retail));
  }

  @Test
  void badInputsAreTyped() {
    assertThatThrownBy(() -> RetailPricing.retail(Amounts.usd("0"), BigDecimal.TEN)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> RetailPricing.retail(Amounts.uzs(100), BigDecimal.TEN)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> RetailPricing.retail(Amounts.usd("1"), new BigDecimal("-1")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.has("marginPercent", "out_of_range")).isTrue());
  }
}
