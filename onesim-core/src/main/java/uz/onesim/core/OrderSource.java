package uz.onesim.core;

import uz.onesim.core.internal.WireValues;

/** Where an order comes from; the wire values are those of {@code orders.source_type}. */
public enum OrderSource {
  /** A consumer buying for themselves in OneSIM Shop. */
  B2C("b2c"),
  /** A partner buying for one of its customers in OneSIM Reseller. */
  B2B_PARTNER("b2b_partner"),
  /** An order an administrator creates by hand (optionally on behalf of a partner). */
  ADMIN("admin");

  private final String wire;

  OrderSource(String wire) {
    this.wire = wire;
  }

  /** The value stored in {@code orders.source_type}. */
  public String wire() {
    return wire;
  }

  /** Parses a stored value; a {@link ValidationException} for anything else. */
  public static OrderSource fromWire(String value) {
    return WireValues.parse(OrderSource.class, OrderSource::wire, "sourceType", value);
  }
}
