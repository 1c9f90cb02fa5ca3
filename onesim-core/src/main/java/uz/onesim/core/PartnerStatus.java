package uz.onesim.core;

import java.util.EnumSet;
import java.util.Set;
import uz.onesim.core.internal.WireValues;

/**
 * A partner account's standing, and the onboarding and review lifecycle between standings. Only
 * {@link #ACTIVE} partners may order, add customers or groups, import, or log sell prices.
 *
 * <pre>
 *   (apply) ──► PENDING_APPROVAL ──approve──► ACTIVE ◄──reactivate── SUSPENDED
 *                    │                          │  └──────suspend──────►│
 *                    └──reject──► REJECTED      └──deactivate──► DEACTIVATED ◄──deactivate──┘
 * </pre>
 *
 * REJECTED and DEACTIVATED are final. The schema's {@code review_partner} applies the same edges
 * (RuleParityTest holds the two together).
 */
public enum PartnerStatus {
  /** Approved: may buy at its discount. */
  ACTIVE("active"),
  /** Stopped for now by an admin (unpaid invoice, investigation); may be reactivated. */
  SUSPENDED("suspended"),
  /** Applied; an admin has not decided yet. */
  PENDING_APPROVAL("pending_approval"),
  /** Closed for good. */
  DEACTIVATED("deactivated"),
  /** The application was refused (with a reason). */
  REJECTED("rejected");

  private final String wire;

  PartnerStatus(String wire) {
    this.wire = wire;
  }

  /** The value stored in {@code partners.status}. */
  public String wire() {
    return wire;
  }

  /** Parses a stored value; a {@link ValidationException} for anything else. */
  public static PartnerStatus fromWire(String value) {
    return WireValues.parse(PartnerStatus.class, PartnerStatus::wire, "partner.status", value);
  }

  /** The standings an admin may move this one to. */
  public Set<PartnerStatus> next() {
    return switch (this) {
      case PENDING_APPROVAL -> EnumSet.of(ACTIVE, REJECTED);
      case ACTIVE -> EnumSet.of(SUSPENDED, DEACTIVATED);
      case SUSPENDED -> EnumSet.of(ACTIVE, DEACTIVATED);
      case DEACTIVATED, REJECTED -> EnumSet.noneOf(PartnerStatus.class);
    };
  }

  /** Whether an admin may move a partner from this standing to {@code target}. */
  public boolean canMoveTo(PartnerStatus target) {
    return next().contains(target);
  }
}
