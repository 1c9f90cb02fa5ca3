package uz.onesim.core;

import java.util.EnumSet;
import java.util.Set;
import uz.onesim.core.internal.WireValues;

/**
 * The lifecycle of a partner's earning: the ledger row that records the discount a partner got on
 * one order ({@code partner_earnings.status}). It follows the order:
 *
 * <pre>
 *   pending (order created) ──► completed (order allocated) ──► cancelled (refunded)
 *      └──────────────────────► cancelled (order failed)
 * </pre>
 *
 * Only {@code completed} earnings count in a partner's totals. Re-applying the current status
 * changes nothing.
 */
public enum EarningStatus {
  PENDING("pending"),
  COMPLETED("completed"),
  CANCELLED("cancelled");

  private final String wire;

  EarningStatus(String wire) {
    this.wire = wire;
  }

  /** The value stored in {@code partner_earnings.status}. */
  public String wire() {
    return wire;
  }

  /** Parses a stored value; a {@link ValidationException} for anything else. */
  public static EarningStatus fromWire(String value) {
    return WireValues.parse(EarningStatus.class, EarningStatus::wire, "earningStatus", value);
  }

  /** The earning status that an order in {@code status} implies. */
  public static EarningStatus forOrder(OrderStatus status) {
    return switch (status) {
      case PENDING, PROCESSING -> PENDING;
      case ALLOCATED -> COMPLETED;
      case FAILED, CANCELLED -> CANCELLED;
    };
  }

  /** The statuses this one may move to. */
  public Set<EarningStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(COMPLETED, CANCELLED);
      case COMPLETED -> EnumSet.of(CANCELLED);
      case CANCELLED -> EnumSet.noneOf(EarningStatus.class);
    };
  }

  /** Whether this earning's amounts count in the partner's totals. */
  public boolean countsInTotals() {
    return this == COMPLETED;
  }

  /** Whether this transition is allowed. */
  public boolean canMoveTo(EarningStatus target) {
    return target == this || next().contains(target);
  }

  /** The target, or a {@link StateTransitionException} when the move is not allowed. */
  public EarningStatus moveTo(EarningStatus target) {
    if (target == null || !canMoveTo(target)) {
      throw new StateTransitionException("earning", wire(), target == null ? "null" : target.wire());
    }
    return target;
  }
}
