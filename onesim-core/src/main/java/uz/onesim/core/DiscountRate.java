package uz.onesim.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import javax.money.MonetaryAmount;
import javax.money.MonetaryOperator;
import uz.onesim.core.internal.Rounding;

/**
 * A partner's discount as a percentage of the retail price, with two decimals, from 0.00 to
 * 100.00 inclusive (the {@code numeric(5,2)} columns of the schema). Immutable; equal when the
 * percentages are numerically equal ({@code "5"}, {@code "5.0"} and {@code "5.00"} are the same
 * rate).
 *
 * <p>Every partner has the default rate of {@link #DEFAULT 5.00 %} unless OneSIM sets a custom
 * override; {@link #effective(DiscountRate, DiscountRate)} picks the one that applies.
 */
public final class DiscountRate implements Comparable<DiscountRate> {
  private static final BigDecimal HUNDRED = new BigDecimal("100.00");

  /** No discount: B2C and admin orders without a partner. */
  public static final DiscountRate ZERO = new DiscountRate(new BigDecimal("0.00"));
  /** The default partner discount: 5.00 %. */
  public static final DiscountRate DEFAULT = new DiscountRate(new BigDecimal("5.00"));

  private final BigDecimal percent;

  private DiscountRate(BigDecimal percent) {
    this.percent = percent;
  }

  /** Parses {@code "5"}, {@code "5.0"}, {@code "7.50"}; rejects negatives, > 100, > 2 decimals. */
  public static DiscountRate of(String percent) {
    if (percent == null || percent.isBlank()) {
      throw new ValidationException("discountRate", "required", "is required");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(percent.trim());
    } catch (NumberFormatException e) {
      throw new ValidationException("discountRate", "not_a_number", "is not a number: '" + percent + "'");
    }
    return of(value);
  }

  /** The rate of {@code percent} percent; the same rules as {@link #of(String)}. */
  public static DiscountRate of(BigDecimal percent) {
    if (percent == null) {
      throw new ValidationException("discountRate", "required", "is required");
    }
    if (percent.stripTrailingZeros().scale() > 2) {
      throw new ValidationException(
          "discountRate", "too_many_decimals", "must have at most 2 decimals, got " + percent.toPlainString());
    }
    if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
      throw new ValidationException(
          "discountRate", "out_of_range", "must be between 0.00 and 100.00, got " + percent.toPlainString());
    }
    return new DiscountRate(percent.setScale(2, RoundingMode.UNNECESSARY));
  }

  /** The custom rate when one is set, else the default rate (SQL: {@code COALESCE(custom, default)}). */
  public static DiscountRate effective(DiscountRate defaultRate, DiscountRate customRate) {
    Objects.requireNonNull(defaultRate, "defaultRate == null");
    return customRate != null ? customRate : defaultRate;
  }

  /** The percentage, scale 2: {@code 5.00}. */
  public BigDecimal percent() {
    return percent;
  }

  /** Whether no discount applies (consumers, retail). */
  public boolean isZero() {
    return percent.signum() == 0;
  }

  /**
   * The discount on {@code retailUsd}: {@code retail × percent / 100}, rounded HALF_UP to cents.
   * {@code retailUsd} must have at most 2 decimals.
   */
  public BigDecimal discountOn(BigDecimal retailUsd) {
    return Rounding.toCents(retailUsd.multiply(percent).movePointLeft(2));
  }

  /**
   * This discount as a Moneta operator: {@code retail.with(rate.discount())} is the discount
   * amount in the retail's currency, rounded HALF_UP to cents.
   */
  public MonetaryOperator discount() {
    return amount -> amount.getFactory().setNumber(discountOn(Amounts.decimal(amount))).create();
  }

  /** Same as {@link #discount()} applied to {@code retail}. */
  public MonetaryAmount discountOn(MonetaryAmount retail) {
    return retail.with(discount());
  }

  @Override
  public int compareTo(DiscountRate other) {
    return percent.compareTo(other.percent);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DiscountRate other && percent.equals(other.percent);
  }

  @Override
  public int hashCode() {
    return percent.hashCode();
  }

  /** {@code "5.00%"}. */
  @Override
  public String toString() {
    return percent.toPlainString() + "%";
  }
}
