package uz.onesim.client;

import java.math.BigDecimal;
import java.util.UUID;

/** The ledger row of one partner order: retail, discount, paid, and the logged sell price and profit. */
public record PartnerEarning(UUID orderId, UUID partnerId, BigDecimal retailPriceUsd, BigDecimal discountRate,
    BigDecimal discountAmountUsd, BigDecimal partnerPaidUsd, BigDecimal partnerSellPriceUsd, BigDecimal partnerActualProfitUsd,
    String status) {

  public javax.money.MonetaryAmount retail() {
    return uz.onesim.core.Amounts.usd(retailPriceUsd);
  }

  public javax.money.MonetaryAmount savings() {
    return uz.onesim.core.Amounts.usd(discountAmountUsd);
  }

  public javax.money.MonetaryAmount paid() {
    return uz.onesim.core.Amounts.usd(partnerPaidUsd);
  }

  /** What the partner charged its customer, or null when not logged. */
  public javax.money.MonetaryAmount sellPrice() {
    return partnerSellPriceUsd == null ? null : uz.onesim.core.Amounts.usd(partnerSellPriceUsd);
  }

  /** {@code sellPrice − paid}, or null when no sell price is logged; may be negative. */
  public javax.money.MonetaryAmount actualProfit() {
    return partnerActualProfitUsd == null ? null : uz.onesim.core.Amounts.usd(partnerActualProfitUsd);
  }
}
