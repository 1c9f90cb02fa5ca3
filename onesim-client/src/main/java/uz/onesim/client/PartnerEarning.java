package uz.onesim.client;

import java.math.BigDecimal;
import java.util.UUID;

/** The ledger row of one partner order: retail, discount, paid, and the logged sell price and profit. */
public record PartnerEarning(UUID orderId, UUID partnerId, BigDecimal retailPriceUsd, BigDecimal discountRate,
    BigDecimal discountAmountUsd, BigDecimal partnerPaidUsd, BigDecimal partnerSellPriceUsd, BigDecimal partnerActualProfitUsd,
    String status) {}
