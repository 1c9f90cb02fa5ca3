package uz.onesim.core;

import uz.onesim.core.internal.WireValues;

/** Who uses the eSIM: the buying user themselves, or a partner's customer. */
public enum EndCustomerType {
  /** The signed-in buyer ({@code auth.users.id}). */
  B2C("b2c"),
  /** A row of {@code partner_customers} owned by the buying partner. */
  B2B_PARTNER_CUSTOMER("b2b_partner_customer");

  private final String wire;

  EndCustomerType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static EndCustomerType fromWire(String value) {
    return WireValues.parse(EndCustomerType.class, EndCustomerType::wire, "endCustomer.type", value);
  }
}
