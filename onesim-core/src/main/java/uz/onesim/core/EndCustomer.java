package uz.onesim.core;

import java.util.UUID;

/**
 * The person who will use the eSIM, as the order copies them.
 *
 * @param id the buyer's user id for {@link EndCustomerType#B2C}, the {@code partner_customers.id}
 *     otherwise; {@code null} for an admin order for someone with no record yet
 * @param partnerId for a partner's customer, the partner that owns the record
 * @param email optional; syntactically valid when present
 * @param phone optional; E.164 ({@code +998901234567}) when present
 */
public record EndCustomer(
    UUID id,
    EndCustomerType type,
    UUID partnerId,
    String firstName,
    String lastName,
    String email,
    String phone) {

  /** The buyer themselves (B2C). */
  public static EndCustomer self(UUID userId) {
    return new EndCustomer(userId, EndCustomerType.B2C, null, null, null, null, null);
  }

  /** One of {@code partnerId}'s customers. */
  public static EndCustomer ofPartner(
      UUID customerId, UUID partnerId, String firstName, String lastName, String email, String phone) {
    return new EndCustomer(
        customerId, EndCustomerType.B2B_PARTNER_CUSTOMER, partnerId, firstName, lastName, email, phone);
  }
}
