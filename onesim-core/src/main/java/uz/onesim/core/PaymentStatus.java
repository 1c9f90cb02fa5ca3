package uz.onesim.core;

import uz.onesim.core.internal.WireValues;

/**
 * Whether an order's money has come in ({@code orders.payment_status}). Only {@link #PAID} orders
 * are fulfilled. A shop order waits for the payment provider's confirmation; a partner order is
 * paid from the partner's balance in the same transaction that creates it.
 *
 * <pre>
 *   AWAITING_PAYMENT ──confirm──► PAID ──refund──► REFUNDED
 *          └──────timeout──────► EXPIRED
 * </pre>
 */
public enum PaymentStatus {
  /** Created; no money yet. Never fulfilled. */
  AWAITING_PAYMENT("awaiting_payment"),
  /** Paid (the provider confirmed, or the partner's balance was debited). */
  PAID("paid"),
  /** The payment went back to the buyer. */
  REFUNDED("refunded"),
  /** Not paid in time; the order failed and left no earnings. */
  EXPIRED("expired");

  private final String wire;

  PaymentStatus(String wire) {
    this.wire = wire;
  }

  /** The value stored in {@code orders.payment_status}. */
  public String wire() {
    return wire;
  }

  /** Parses a stored value; a {@link ValidationException} for anything else. */
  public static PaymentStatus fromWire(String value) {
    return WireValues.parse(PaymentStatus.class, PaymentStatus::wire, "paymentStatus", value);
  }
}
