package uz.onesim.client;

import java.math.BigDecimal;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.internal.MoneyColumns;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.EarningStatus;

/**
 * The ledger row of one partner order: retail, discount and paid, and — once the partner logs what
 * it charged its customer — the sell price and actual profit in USD and in som.
 *
 * @param sellPrice the logged sell price in the currency the partner entered, or null
 * @param sellPriceUsd the sell price in USD (converted at the order's FX when entered in som), or null
 * @param sellPriceUzs the sell price in som (converted at the order's FX when entered in USD), or null
 * @param actualProfit {@code sellPriceUsd − paid}, may be negative; null until a sell price is logged
 * @param actualProfitUzs {@code sellPriceUzs − paidUzs}; null until a sell price is logged
 */
public record PartnerEarning(UUID orderId, UUID partnerId, MonetaryAmount retail, DiscountRate rate,
    MonetaryAmount discount, MonetaryAmount paid, MonetaryAmount paidUzs, MonetaryAmount sellPrice,
    MonetaryAmount sellPriceUsd, MonetaryAmount sellPriceUzs, MonetaryAmount actualProfit, MonetaryAmount actualProfitUzs,
    EarningStatus status) {

  /** The row as PostgREST returns it. */
  record Row(UUID orderId, UUID partnerId, BigDecimal retailPriceUsd, BigDecimal discountRate, BigDecimal discountAmountUsd,
      BigDecimal partnerPaidUsd, BigDecimal partnerPaidUzs, BigDecimal partnerSellPriceUsd, BigDecimal partnerSellPriceUzs,
      String partnerSellCurrency, BigDecimal partnerActualProfitUsd, BigDecimal partnerActualProfitUzs, String status) {
    PartnerEarning toEarning() {
      MonetaryAmount usd = MoneyColumns.usdOrNull(partnerSellPriceUsd);
      MonetaryAmount uzs = MoneyColumns.uzsOrNull(partnerSellPriceUzs);
      return new PartnerEarning(orderId, partnerId, MoneyColumns.usd("retail_price_usd", retailPriceUsd), DiscountRate.of(discountRate),
          MoneyColumns.usd("discount_amount_usd", discountAmountUsd), MoneyColumns.usd("partner_paid_usd", partnerPaidUsd),
          MoneyColumns.uzsOrNull(partnerPaidUzs), "UZS".equals(partnerSellCurrency) ? uzs : usd, usd, uzs,
          MoneyColumns.usdOrNull(partnerActualProfitUsd),
          MoneyColumns.uzsOrNull(partnerActualProfitUzs), EarningStatus.fromWire(status));
    }
  }
}
