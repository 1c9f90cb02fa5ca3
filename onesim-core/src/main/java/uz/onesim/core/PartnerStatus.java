package uz.onesim.core;

import uz.onesim.core.internal.WireValues;

/** A partner account's standing; only {@link #ACTIVE} partners may order. */
public enum PartnerStatus {
  ACTIVE("active"),
  SUSPENDED("suspended"),
  PENDING_APPROVAL("pending_approval"),
  DEACTIVATED("deactivated");

  private final String wire;

  PartnerStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static PartnerStatus fromWire(String value) {
    return WireValues.parse(PartnerStatus.class, PartnerStatus::wire, "partner.status", value);
  }
}
