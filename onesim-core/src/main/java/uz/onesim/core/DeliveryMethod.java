package uz.onesim.core;

import uz.onesim.core.internal.WireValues;

/**
 * How an allocated eSIM reaches its traveller ({@code orders.delivery_method}); the backend hands it
 * to the channel of that method. The database accepts exactly these values.
 */
public enum DeliveryMethod {
  /** The installation email with the QR code (the default). */
  EMAIL("email"),
  /** A text message with the installation link. */
  SMS("sms"),
  /** A WhatsApp message with the installation link. */
  WHATSAPP("whatsapp"),
  /** Nobody is messaged: the partner hands the details over itself. */
  MANUAL("manual");

  private final String wire;

  DeliveryMethod(String wire) {
    this.wire = wire;
  }

  /** The value stored in {@code orders.delivery_method}. */
  public String wire() {
    return wire;
  }

  /** Parses a stored value; a {@link ValidationException} for anything else. */
  public static DeliveryMethod fromWire(String value) {
    return WireValues.parse(DeliveryMethod.class, DeliveryMethod::wire, "deliveryMethod", value);
  }
}
