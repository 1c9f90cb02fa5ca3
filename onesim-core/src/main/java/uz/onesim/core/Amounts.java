package uz.onesim.core;

import java.math.BigDecimal;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;
import uz.onesim.core.internal.MonetaLogging;

/**
 * The two currencies OneSIM prices in, and exact factories for them. Amounts are Moneta
 * {@link Money} values backed by {@link BigDecimal}: nothing here goes through {@code double}.
 *
 * <p>USD amounts carry cents (scale 2); UZS amounts are whole som (scale 0). Where rounding
 * happens, and how, is stated on {@link PriceQuote}.
 */
public final class Amounts {
  static {
    MonetaLogging.quietStartupNotice();
  }

  /** US dollar: every catalogue and order price is in USD first. */
  public static final CurrencyUnit USD = Monetary.getCurrency("USD");
  /** Uzbek som: the local display and invoicing currency, whole som only. */
  public static final CurrencyUnit UZS = Monetary.getCurrency("UZS");

  /**
   * The largest price (retail or sell price, USD) the SDK and the schema accept: 99 999 999.99.
   * Partner totals are sized so that sums of such orders never overflow (docs/money.md).
   */
  public static final java.math.BigDecimal MAX_PRICE_USD = new java.math.BigDecimal("99999999.99");

  private Amounts() {}

  /**
   * An exact USD amount from its decimal text, e.g. {@code usd("14.25")}.
   *
   * @throws ValidationException ({@code amount}, {@code not_a_number}) for text that is not a decimal
   */
  public static MonetaryAmount usd(String amount) {
    return usd(parse("amount", amount));
  }

  /**
   * An exact USD amount. No rounding: validation decides whether the scale is acceptable.
   *
   * @throws ValidationException ({@code amount}, {@code required}) for null
   */
  public static MonetaryAmount usd(BigDecimal amount) {
    return Money.of(required("amount", amount), USD);
  }

  /** An exact UZS amount; {@link ValidationException} for null. */
  public static MonetaryAmount uzs(BigDecimal amount) {
    return Money.of(required("amount", amount), UZS);
  }

  /**
   * A decimal from text, for every place the SDK reads a number a caller typed: plain decimal
   * notation only; anything else is a {@link ValidationException} naming {@code field}.
   */
  public static BigDecimal parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException(field, "required", "is required");
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
      throw new ValidationException(field, "not_a_number", "is not a decimal number: '" + shown + "'");
    }
  }

  private static BigDecimal required(String field, BigDecimal value) {
    if (value == null) {
      throw new ValidationException(field, "required", "is required");
    }
    return value;
  }

  /** An exact UZS amount of whole som. */
  public static MonetaryAmount uzs(long som) {
    return Money.of(BigDecimal.valueOf(som), UZS);
  }

  /**
   * The exact decimal value of {@code amount} (whatever its implementation), with at least the
   * currency's scale: {@code 14.25}, {@code 705.00}, {@code 189750}. Never rounds; Moneta strips
   * trailing zeros, this puts them back.
   */
  public static BigDecimal decimal(MonetaryAmount amount) {
    BigDecimal value = amount.getNumber().numberValueExact(BigDecimal.class);
    int scale = UZS.equals(amount.getCurrency()) ? 0 : amount.getCurrency().getDefaultFractionDigits();
    return value.scale() < scale ? value.setScale(scale) : value;
  }
}
