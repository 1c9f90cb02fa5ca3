package uz.onesim.client;

import java.math.BigDecimal;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.internal.MoneyColumns;

/**
 * One of a partner's customers, with its completed-order totals.
 *
 * @param completedOrders how many of its orders completed
 * @param spent what the partner paid for those orders (USD)
 */
public record PartnerCustomer(UUID id, UUID partnerId, String firstName, String lastName, String email, String phone,
    String notes, int completedOrders, MonetaryAmount spent) {

  /** The row as PostgREST returns it. */
  record Row(UUID id, UUID partnerId, String firstName, String lastName, String email, String phone, String notes,
      int totalOrders, BigDecimal totalSpent) {
    PartnerCustomer toCustomer() {
      return new PartnerCustomer(id, partnerId, firstName, lastName, email, phone, notes, totalOrders,
          MoneyColumns.usd("total_spent", totalSpent));
    }
  }
}
