package uz.onesim.backend;

import java.time.Instant;
import java.util.UUID;

/**
 * One lifecycle notice for a traveller, as the notice sender hands it to a {@link DeliveryChannel}:
 * which alert (data low at a threshold, about to expire, expired, top-up applied), for which eSIM,
 * to whom, from which seller and in which language. docs/lifecycle.md.
 *
 * @param threshold the alert's threshold as the traveller reads it: {@code 80} (percent used) for
 *     data, the warning hours for expiry, empty otherwise
 * @param language {@code uz}, {@code ru} or {@code en} (anything else reads as English)
 */
public record EsimNotice(UUID alertId, Kind kind, String threshold, UUID orderId, String brand, String language,
    String customerFirstName, String customerEmail, String customerPhone, String iccid, String packageCode,
    Long dataTotalBytes, Long dataUsedBytes, Instant expiresAt) {

  /** What happened to the eSIM. */
  public enum Kind {
    USAGE_LOW("usage_low"), EXPIRING("expiring"), EXPIRED("expired"), TOPUP_APPLIED("topup_applied");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    /** The value stored in {@code esim_alerts.kind}. */
    public String wire() {
      return wire;
    }

    /** The kind stored as {@code wire}, or null for one that is not a traveller notice ({@code installed}). */
    public static Kind fromWireOrNull(String wire) {
      for (Kind k : values()) {
        if (k.wire.equals(wire)) {
          return k;
        }
      }
      return null;
    }
  }

  /** Data left in whole megabytes (1 MB = 1 048 576 bytes), or null when not known. */
  public Long remainingMegabytes() {
    return dataTotalBytes == null || dataUsedBytes == null ? null : Math.max(0, dataTotalBytes - dataUsedBytes) / 1_048_576L;
  }
}
