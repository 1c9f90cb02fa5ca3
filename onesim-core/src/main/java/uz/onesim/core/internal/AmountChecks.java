package uz.onesim.core.internal;

import java.math.BigDecimal;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;
import uz.onesim.core.ValidationException;

/** Checks money that comes in from a caller, naming the field in every error. */
public final class AmountChecks {
  private AmountChecks() {}

  /** A price: USD, strictly positive, at most 2 decimals and {@link Amounts#MAX_PRICE_USD}. Returns its exact value. */
  public static BigDecimal positiveUsd(String field, MonetaryAmount amount) {
    BigDecimal value = usdWithCents(field, amount);
    if (value.signum() <= 0) {
      throw new ValidationException(field, "must_be_positive", "must be greater than 0, got " + amount);
    }
    return value;
  }

  /** An amount that may be zero (a sell price): USD, 0 to {@link Amounts#MAX_PRICE_USD}, at most 2 decimals. */
  public static BigDecimal nonNegativeUsd(String field, MonetaryAmount amount) {
    BigDecimal value = usdWithCents(field, amount);
    if (value.signum() < 0) {
      throw new ValidationException(field, "must_not_be_negative", "must be 0 or more, got " + amount);
    }
    return value;
  }

  /**
   * A sell price in USD (0 to {@link Amounts#MAX_PRICE_USD}, cents) or in som (whole som, 0 to
   * {@link #MAX_SOM}): the two currencies a partner logs what it charged. Returns its exact value.
   */
  public static BigDecimal nonNegativeUsdOrSom(String field, MonetaryAmount amount) {
    if (amount == null || !Amounts.UZS.equals(amount.getCurrency())) {
      return nonNegativeUsd(field, amount);
    }
    BigDecimal value;
    try {
      value = Amounts.decimal(amount);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ValidationException(field, "not_a_number", "is not a finite decimal amount: " + amount);
    }
    if (value.stripTrailingZeros().scale() > 0) {
      throw new ValidationException(field, "too_many_decimals", "som are whole, got " + value.toPlainString());
    }
    if (value.signum() < 0) {
      throw new ValidationException(field, "must_not_be_negative", "must be 0 or more, got " + amount);
    }
    if (value.compareTo(MAX_SOM) >= 0) {
      throw new ValidationException(field, "too_large", "must be below " + MAX_SOM.toPlainString() + ", got " + value.toPlainString());
    }
    return value;
  }

  /** The bound of a som amount the database keeps (15 digits). */
  public static final BigDecimal MAX_SOM = new BigDecimal("1E15");

  private static BigDecimal usdWithCents(String field, MonetaryAmount amount) {
    if (amount == null) {
      throw new ValidationException(field, "required", "is required");
    }
    if (!Amounts.USD.equals(amount.getCurrency())) {
      throw new ValidationException(
          field, "currency_mismatch", "must be in USD, got " + amount.getCurrency().getCurrencyCode());
    }
    BigDecimal value;
    try {
      value = Amounts.decimal(amount);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ValidationException(field, "not_a_number", "is not a finite decimal amount: " + amount);
    }
    if (value.stripTrailingZeros().scale() > Rounding.USD_SCALE) {
      throw new ValidationException(
          field, "too_many_decimals", "must have at most 2 decimals, got " + value.toPlainString());
    }
    if (value.compareTo(Amounts.MAX_PRICE_USD) > 0) {
      throw new ValidationException(
          field, "too_large", "must be at most " + Amounts.MAX_PRICE_USD.toPlainString() + ", got " + value.toPlainString());
    }
    return value;
  }
}
