package uz.onesim.client;

import java.math.BigDecimal;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.internal.MoneyColumns;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.PartnerStatus;

/**
 * A partner account: terms and totals (read-only for the partner), contact fields (editable).
 *
 * @param defaultRate the programme's default discount (5 %)
 * @param customRate the rate an admin granted this partner, or null for the default
 * @param effectiveRate the rate its orders get: {@code customRate} when set, else {@code defaultRate}
 * @param totalSpent what it paid for completed orders (USD)
 * @param totalSavings the discounts on completed orders (USD)
 * @param retailValue completed orders at retail (USD)
 * @param completedOrders how many orders completed
 */
public record PartnerProfile(UUID id, String companyName, String legalName, String businessEmail, String businessPhone,
    String website, PartnerStatus standing, DiscountRate defaultRate, DiscountRate customRate, DiscountRate effectiveRate,
    MonetaryAmount totalSpent, MonetaryAmount totalSavings, MonetaryAmount retailValue, int completedOrders, int totalCustomers) {

  /** The row as PostgREST returns it. */
  record Row(UUID id, String companyName, String legalName, String businessEmail, String businessPhone, String website,
      String status, BigDecimal discountRate, BigDecimal customDiscountRate, BigDecimal effectiveDiscountRate,
      BigDecimal totalSpent, BigDecimal totalSavings, BigDecimal totalOrdersValueRetail, int totalOrders, int totalCustomers) {
    PartnerProfile toProfile() {
      return new PartnerProfile(id, companyName, legalName, businessEmail, businessPhone, website, PartnerStatus.fromWire(status),
          DiscountRate.of(discountRate), customDiscountRate == null ? null : DiscountRate.of(customDiscountRate),
          DiscountRate.of(effectiveDiscountRate), MoneyColumns.usd("total_spent", totalSpent),
          MoneyColumns.usd("total_savings", totalSavings), MoneyColumns.usd("total_orders_value_retail", totalOrdersValueRetail),
          totalOrders, totalCustomers);
    }
  }
}
