package uz.onesim.esimaccess;

/** The provider's answer to {@code esim/order}: its order number and our transaction id. Profiles come later. */
public record PlacedOrder(String orderNo, String transactionId) {}
