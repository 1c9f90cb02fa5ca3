package uz.onesim.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import javax.money.MonetaryAmount;

/**
 * How OneSIM turns the provider's wholesale price into its retail price (the
 * {@code esim_packages.final_price_usd} every order is priced from):
 *
 * <p>{@code retail = wholesale × (1 + margin / 100)}, rounded <b>up</b> to the cent, so the margin
 * actually earned is never below the one configured. Example: 10.00 at 50 % → 15.00; 1.0001 at
 * 50 % → 1.51.
 */
public final class RetailPricing {
  private static final BigDecimal MAX_MARGIN = new BigDecimal("1000");

  private RetailPricing() {}

  /**
   * @param wholesaleUsd the provider price in USD (up to 4 decimals, as the provider quotes), > 0
   * @param marginPercent 0 to 1000
   */
  public static MonetaryAmount retail(MonetaryAmount wholesaleUsd, BigDecimal marginPercent) {
    if (wholesaleUsd == null || !Amounts.USD.equals(wholesaleUsd.getCurrency())) {
      throw new ValidationException("wholesalePrice", "currency_mismatch", "must be a USD amount");
    }
    BigDecimal wholesale = Amounts.decimal(wholesaleUsd);
    if (wholesale.signum() <= 0) {
      throw new ValidationException("wholesalePrice", "must_be_positive", "must be greater than 0, got " + wholesale.toPlainString());
    }
    if (marginPercent == null || marginPercent.signum() < 0 || marginPercent.compareTo(MAX_MARGIN) > 0) {
      throw new ValidationException("marginPercent", "out_of_range", "must be between 0 and 1000, got " + marginPercent);
    }
    BigDecimal retail = wholesale.multiply(BigDecimal.ONE.add(marginPercent.movePointLeft(2))).setScale(2, RoundingMode.CEILING);
    return Amounts.usd(retail);
  }
}
