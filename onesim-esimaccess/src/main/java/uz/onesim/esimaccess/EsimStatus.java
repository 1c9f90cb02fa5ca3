package uz.onesim.esimaccess;

/** A profile's {@code esimStatus}; the documented {@code REVOKE}/{@code REVOKED} variants are one value. */
public enum EsimStatus {
  CREATE, PAYING, PAID, GETTING_RESOURCE, GOT_RESOURCE, IN_USE, USED_UP, UNUSED_EXPIRED, USED_EXPIRED, CANCEL,
  SUSPENDED, REVOKED, UNKNOWN;

  /** The status the provider wrote, {@code UNKNOWN} for one this SDK does not know. */
  public static EsimStatus of(String raw) {
    if (raw == null) {
      return UNKNOWN;
    }
    if (raw.equals("REVOKE")) {
      return REVOKED;
    }
    try {
      return valueOf(raw);
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** Allocated and downloadable (or further along). */
  public boolean isAllocated() {
    return this != CREATE && this != PAYING && this != PAID && this != GETTING_RESOURCE && this != UNKNOWN;
  }
}
