package uz.onesim.core;

import java.util.UUID;

/**
 * What someone asks to buy, before validation: {@link OrderRules#validate} checks it against the
 * rules of its {@link OrderSource}. Build it with {@link #b2c}, {@link #b2b} or {@link #admin}.
 *
 * @param buyerUserId the signed-in user placing the order (customer, partner user or admin)
 * @param partner the partner buying (B2B) or ordered for (admin), else {@code null}
 * @param endCustomer who will use the eSIM; for B2C {@code null} means the buyer
 * @param group the customer group the order is for, or {@code null}
 * @param quantity how many eSIMs of {@code packageCode}, 1 to {@value OrderRules#MAX_QUANTITY}
 */
public record OrderRequest(
    OrderSource source,
    UUID buyerUserId,
    Partner partner,
    EndCustomer endCustomer,
    GroupRef group,
    String packageCode,
    int quantity) {

  /** A consumer buying for themselves. */
  public static OrderRequest b2c(UUID userId, String packageCode, int quantity) {
    return new OrderRequest(
        OrderSource.B2C, userId, null, EndCustomer.self(userId), null, packageCode, quantity);
  }

  /** A partner (signed in as {@code partnerUserId}) buying for one of its customers. */
  public static OrderRequest b2b(
      UUID partnerUserId, Partner partner, EndCustomer customer, String packageCode, int quantity) {
    return new OrderRequest(
        OrderSource.B2B_PARTNER, partnerUserId, partner, customer, null, packageCode, quantity);
  }

  /** An administrator ordering for {@code customer}; add a partner with {@link #forPartner}. */
  public static OrderRequest admin(
      UUID adminUserId, EndCustomer customer, String packageCode, int quantity) {
    return new OrderRequest(OrderSource.ADMIN, adminUserId, null, customer, null, packageCode, quantity);
  }

  public OrderRequest withGroup(GroupRef newGroup) {
    return new OrderRequest(source, buyerUserId, partner, endCustomer, newGroup, packageCode, quantity);
  }

  public OrderRequest forPartner(Partner newPartner) {
    return new OrderRequest(source, buyerUserId, newPartner, endCustomer, group, packageCode, quantity);
  }
}
