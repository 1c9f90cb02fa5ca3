package uz.onesim.client;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A lifecycle alert on one of the caller's eSIMs, raised once per eSIM and threshold (docs/lifecycle.md),
 * and what became of the traveller's notice.
 *
 * @param details the figures behind it: {@code threshold_percent}, {@code data_used_bytes}, {@code expires_at}, …
 * @param noticeStatus {@code pending}, {@code sent}, {@code skipped} (opted out, no channel, delivery
 *     method none, or a partner-only alert) or {@code failed}
 */
public record EsimAlert(UUID id, UUID orderId, Kind kind, Map<String, Object> details, OffsetDateTime createdAt,
    String noticeStatus, String noticeChannel, String noticeError, OffsetDateTime noticedAt) {

  /** What happened. */
  public enum Kind {
    USAGE_LOW, EXPIRING, EXPIRED, INSTALLED, TOPUP_APPLIED;

    static Kind fromWire(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
  }

  record Row(UUID id, UUID orderId, String kind, Map<String, Object> details, OffsetDateTime createdAt, String noticeStatus,
      String noticeChannel, String noticeError, OffsetDateTime noticedAt) {
    EsimAlert toAlert() {
      return new EsimAlert(id, orderId, Kind.fromWire(kind), details == null ? Map.of() : Map.copyOf(details), createdAt,
          noticeStatus, noticeChannel, noticeError, noticedAt);
    }
  }

  static final String COLUMNS = "id,order_id,kind,details,created_at,notice_status,notice_channel,notice_error,noticed_at";
}
