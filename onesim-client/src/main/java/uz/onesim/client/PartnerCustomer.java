package uz.onesim.client;

import java.math.BigDecimal;
import java.util.UUID;

/** One of a partner's customers, with its completed-order totals. */
public record PartnerCustomer(UUID id, UUID partnerId, String firstName, String lastName, String email, String phone,
    String notes, int totalOrders, BigDecimal totalSpent) {

  /** What the partner spent on this customer's completed orders. */
  public javax.money.MonetaryAmount spent() {
    return uz.onesim.core.Amounts.usd(totalSpent);
  }
}
