package uz.onesim.client;

import java.math.BigDecimal;
import java.util.UUID;

/** The signed-in partner's own account: terms and totals (read-only), contact fields (editable). */
public record PartnerProfile(UUID id, String companyName, String legalName, String businessEmail, String businessPhone,
    String website, String status, BigDecimal discountRate, BigDecimal customDiscountRate, BigDecimal effectiveDiscountRate,
    BigDecimal totalSpent, BigDecimal totalSavings, BigDecimal totalOrdersValueRetail, int totalOrders, int totalCustomers) {

  /** The account's standing as a type. */
  public uz.onesim.core.PartnerStatus standing() {
    return uz.onesim.core.PartnerStatus.fromWire(status);
  }

  public uz.onesim.core.DiscountRate effectiveRate() {
    return uz.onesim.core.DiscountRate.of(effectiveDiscountRate);
  }

  public javax.money.MonetaryAmount spent() {
    return uz.onesim.core.Amounts.usd(totalSpent);
  }

  public javax.money.MonetaryAmount savings() {
    return uz.onesim.core.Amounts.usd(totalSavings);
  }

  public javax.money.MonetaryAmount retailValue() {
    return uz.onesim.core.Amounts.usd(totalOrdersValueRetail);
  }
}
