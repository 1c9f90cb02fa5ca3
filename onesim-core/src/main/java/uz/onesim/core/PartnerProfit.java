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
   * {@code sellPrice − paid}, exact, possibly negative.
   *
   * @throws ValidationException naming {@code sellPrice} when it is missing, negative, not USD or
   *     has more than 2 decimals
   */
  public static MonetaryAmount of(MonetaryAmount paid, MonetaryAmount sellPrice) {
    BigDecimal sell = AmountChecks.nonNegativeUsd("sellPrice", sellPrice);
    BigDecimal cost = Amounts.decimal(paid);
    return Amounts.usd(sell.subtract(cost).setScale(2));
  }
}
