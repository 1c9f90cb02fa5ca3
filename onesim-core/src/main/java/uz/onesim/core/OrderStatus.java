package uz.onesim.core;

import java.util.EnumSet;
import java.util.Set;
import uz.onesim.core.internal.WireValues;

/**
 * An order's lifecycle, as {@code orders.order_status} stores it (upper case).
 *
 * <pre>
 *   PENDING ──► PROCESSING ──► ALLOCATED ──► CANCELLED (refund)
 *      │             │
 *      └──► FAILED ◄─┘
 * </pre>
 *
 * Re-applying the current status is allowed and changes nothing (webhooks and retries repeat
 * themselves); every other edge is illegal.
 */
public enum OrderStatus {
  /** Created and priced; no provider order yet. */
  PENDING,
  /** The provider order has been placed; waiting for profiles. */
  PROCESSING,
  /** Profiles received: the eSIM exists and belongs to the end customer. */
  ALLOCATED,
  /** The provider order could not be placed or was refused. Final. */
  FAILED,
  /** Allocated, then cancelled and refunded. Final. */
  CANCELLED;

  /** The value stored in {@code orders.order_status}. */
  public String wire() {
    return name();
  }

  /** Parses a stored value; a {@link ValidationException} for anything else. */
  public static OrderStatus fromWire(String value) {
    return WireValues.parse(OrderStatus.class, OrderStatus::wire, "orderStatus", value);
  }

  /** The statuses this one may move to, not counting itself. */
  public Set<OrderStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(PROCESSING, FAILED);
      case PROCESSING -> EnumSet.of(ALLOCATED, FAILED);
      case ALLOCATED -> EnumSet.of(CANCELLED);
      case FAILED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
    };
  }

  /** Whether no transition leaves this status. */
  public boolean isFinal() {
    return next().isEmpty();
  }

  /** Whether the database allows this transition. */
  public boolean canMoveTo(OrderStatus target) {
    return target == this || next().contains(target);
  }

  /** Returns {@code target}, or throws when this lifecycle has no such edge. */
  public OrderStatus moveTo(OrderStatus target) {
    if (target == null || !canMoveTo(target)) {
      throw new StateTransitionException("order", wire(), target == null ? "null" : target.wire());
    }
    return target;
  }
}
