package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Everything the SDK throws at bad input is a ValidationException naming the field (issue 14). */
class TypedRefusalsTest {
  static final FxRate FX = new FxRate(new BigDecimal("12650"), "test", Instant.EPOCH);

  static Violation refused(ThrowingCallable call) {
    ValidationException e = catchThrowableOfType(call, ValidationException.class);
    assertThat(e).as("a ValidationException").isNotNull();
    return e.violations().get(0);
  }

  @Test
  void textThatIsNotANumberIsAValidationError() {
    assertThat(refused(() -> Amounts.usd("abc"))).extracting(Violation::field, Violation::code).containsExactly("amount", "not_a_number");
    assertThat(refused(() -> Amounts.usd((String) null)).code()).isEqualTo("required");
    assertThat(refused(() -> Amounts.usd("NaN")).code()).isEqualTo("not_a_number");
    assertThat(refused(() -> Amounts.usd("x".repeat(10_000))).message()).hasSizeLessThan(100);
    assertThat(refused(() -> FxRate.of("abc", "cbu.uz"))).extracting(Violation::field, Violation::code)
        .containsExactly("fx.uzsPerUsd", "not_a_number");
  }

  @Test
  void fxNeedsItsDateAndAtMostFourDecimals() {
    assertThat(refused(() -> new FxRate(new BigDecimal("12650"), "cbu.uz", null)).field()).isEqualTo("fx.asOf");
    assertThat(refused(() -> FxRate.of("12650.00005", "cbu.uz")).code()).isEqualTo("too_many_decimals");
    assertThat(FxRate.of("12650.0001", "cbu.uz").uzsPerUsd()).isEqualByComparingTo("12650.0001");
  }

  @Test
  void aQuoteMustBeTheRuleAppliedToItsInputs() {
    PriceQuote good = PriceQuote.of(Amounts.usd("15.00"), DiscountRate.DEFAULT, FX);
    assertThat(new PriceQuote(good.retail(), good.discount(), good.paid(), good.rate(), good.fx(), good.retailUzs(),
        good.discountUzs(), good.paidUzs())).isEqualTo(good);
    assertThat(refused(() -> new PriceQuote(good.retail(), Amounts.usd("1.50"), Amounts.usd("13.50"), DiscountRate.DEFAULT, FX,
        good.retailUzs(), good.discountUzs(), good.paidUzs()))).extracting(Violation::field, Violation::code)
        .containsExactly("discount", "inconsistent");
    assertThat(refused(() -> new PriceQuote(Amounts.usd("-15.00"), Amounts.usd("-0.75"), Amounts.usd("-14.25"), DiscountRate.DEFAULT,
        FX, good.retailUzs(), good.discountUzs(), good.paidUzs())).code()).isEqualTo("must_be_positive");
    assertThat(refused(() -> new PriceQuote(good.retail(), good.discount(), good.paid(), good.rate(), good.fx(),
        good.retailUzs(), good.discountUzs(), Amounts.usd("180263"))).code()).isEqualTo("currency_mismatch");
  }

  @Test
  void ratesWithMoreThanTwoDecimalsAreRefusedNotRounded() {
    assertThat(refused(() -> DiscountRate.of("5.125")).field()).isEqualTo("discountRate");
  }

  @Test
  void aListLimitOutsideOneToAThousandIsRefusedNotClamped() {
    assertThat(Limits.requireRows(1)).isEqualTo(1);
    assertThat(Limits.requireRows(1000)).isEqualTo(1000);
    for (int bad : new int[] {0, -1, 1001, Integer.MAX_VALUE}) {
      assertThat(refused(() -> Limits.requireRows(bad))).extracting(Violation::field, Violation::code)
          .containsExactly("limit", "out_of_range");
    }
  }

  @Test
  void everyErrorHasOneMachineCode() {
    assertThat(new ValidationException("f", "required", "m").code()).isEqualTo("invalid_input");
    assertThat(new StateTransitionException("order", "FAILED", "ALLOCATED").code()).isEqualTo("illegal_transition");
    assertThat(new ConflictException("m", 409, "PT409", null, "idempotency_key_reused", "idempotency_key", null).code())
        .isEqualTo("idempotency_key_reused");
    ApiException duplicate = new ConflictException("m", 409, "23505", null, "Key (id)=(1) already exists.", null, null);
    assertThat(duplicate.code()).isEqualTo("already_exists");
    assertThat(duplicate.sqlState()).isEqualTo("23505");
    assertThat(new AuthenticationException("m", 400, "invalid_credentials", null, null, null, null).code()).isEqualTo("invalid_credentials");
    assertThat(new AuthenticationException("m", 400, "invalid_credentials", null, null, null, null).sqlState()).isNull();
    assertThat(new ServerException("m", 502, null, null, null, null, "<html>").code()).isEqualTo("service_unavailable");
    assertThat(new BadRequestException("m", 400, "PGRST116", null, "The result contains 0 rows", null, null).code()).isEqualTo("not_found");
    InsufficientBalanceException poor = new InsufficientBalanceException(
        "HTTP 402 PT402: needed 14.25 USD, available 10.00 USD (balance 10.00 + credit 0)", 402, "PT402", null, "insufficient_balance", "balance", null);
    assertThat(poor.needed()).isEqualTo(Amounts.usd("14.25"));
    assertThat(poor.available()).isEqualTo(Amounts.usd("10.00"));
    assertThat(poor.code()).isEqualTo("insufficient_balance");
  }
}
