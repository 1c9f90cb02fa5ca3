package uz.onesim.core;

import java.math.BigDecimal;
import javax.money.MonetaryAmount;
import uz.onesim.core.internal.AmountChecks;

/**
 * A partner's actual profit on one eSIM once it logs what it charged its customer:
 * {@code sell price − what the partner paid}. Not a payout: OneSIM owes partners nothing; this is
 * for the partner's own reporting.
 */
public final class PartnerProfit {
  private PartnerProfit() {}

  /**
   * {@code sellPrice − paid}, exact, possibly negative, in their common currency: USD with cents or
   * whole som.
   *
   * @throws ValidationException naming {@code sellPrice} when it is missing, negative, neither USD
   *     nor UZS, has more decimals than its currency keeps, or is not in {@code paid}'s currency
   */
  public static MonetaryAmount of(MonetaryAmount paid, MonetaryAmount sellPrice) {
    BigDecimal sell = AmountChecks.nonNegativeUsdOrSom("sellPrice", sellPrice);
    if (!paid.getCurrency().equals(sellPrice.getCurrency())) {
      throw new ValidationException("sellPrice", "currency_mismatch",
          "must be in " + paid.getCurrency().getCurrencyCode() + " like the price paid, got " + sellPrice.getCurrency().getCurrencyCode());
    }
    BigDecimal profit = sell.subtract(Amounts.decimal(paid));
    return Amounts.UZS.equals(paid.getCurrency()) ? Amounts.uzs(profit.setScale(0)) : Amounts.usd(profit.setScale(2));
  }

  /**
   * Checks a sell price a partner is about to log: USD with at most 2 decimals or whole som, 0 or
   * more — the rule the database applies too.
   *
   * @throws ValidationException naming {@code sellPrice}
   */
  public static void requireValidSellPrice(MonetaryAmount sellPrice) {
    AmountChecks.nonNegativeUsdOrSom("sellPrice", sellPrice);
  }
}
