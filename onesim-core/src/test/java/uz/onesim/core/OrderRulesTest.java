package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRulesTest {

  static void assertOnly(String code, int quantity, String field, String violation) {
    assertThatThrownBy(() -> OrderRules.requireValidPurchase(code, quantity))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::code)
            .containsExactly(Tuple.tuple(field, violation)));
  }

  @Test
  void packageCodeIsRequiredAndBounded() {
    assertOnly(" ", 1, "packageCode", "required");
    assertOnly(null, 1, "packageCode", "required");
    assertOnly("X".repeat(65), 1, "packageCode", "too_long");
    assertThatCode(() -> OrderRules.requireValidPurchase("X".repeat(64), 1)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5, 1001, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void quantityIsOneToAThousand(int quantity) {
    assertOnly("TR_1GB_7D", quantity, "quantity", "out_of_range");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 999, 1000})
  void quantitiesInRangePass(int quantity) {
    assertThatCode(() -> OrderRules.requireValidPurchase("TR_1GB_7D", quantity)).doesNotThrowAnyException();
  }

  @Test
  void reportsAllViolationsAtOnce() {
    assertThatThrownBy(() -> OrderRules.requireValidPurchase("", 0))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::code).containsExactly("required", "out_of_range"))
        .hasMessageStartingWith("2 invalid inputs: ");
  }

  @Test
  void wireValuesRoundTripAndUnknownOnesAreTyped() {
    for (OrderSource s : OrderSource.values()) {
      assertThat(OrderSource.fromWire(s.wire())).isSameAs(s);
    }
    assertThat(OrderSource.B2B_PARTNER.wire()).isEqualTo("b2b_partner");
    assertThat(PartnerStatus.fromWire("pending_approval")).isSameAs(PartnerStatus.PENDING_APPROVAL);
    assertThatThrownBy(() -> OrderSource.fromWire("B2C"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.has("sourceType", "unknown_value")).isTrue())
        .hasMessageContaining("b2c, b2b_partner, admin");
  }
}
