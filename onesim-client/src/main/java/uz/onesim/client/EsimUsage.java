package uz.onesim.client;

import java.time.OffsetDateTime;

/**
 * An allocated eSIM's live state as OneSIM last learned it from the provider (webhooks and the
 * usage sweep; the provider itself refreshes usage every 2–3 hours): status, data and expiry.
 * docs/lifecycle.md.
 *
 * @param esimStatus the provider's status ({@code GOT_RESOURCE}, {@code IN_USE}, {@code USED_UP}, …)
 * @param smdpStatus the SM-DP+ status ({@code RELEASED}, {@code ENABLED}, …), or null
 * @param dataTotalBytes the plan's data including top-ups, or null when not known yet
 * @param dataUsedBytes data used so far, or null
 * @param dataRemainingBytes {@code total − used}, never negative, or null
 * @param expiresAt when the eSIM stops working, or null
 * @param installedAt when OneSIM first saw it installed on a device, or null
 * @param updatedAt when these figures were last refreshed, or null
 */
public record EsimUsage(String esimStatus, String smdpStatus, Long dataTotalBytes, Long dataUsedBytes, Long dataRemainingBytes,
    OffsetDateTime expiresAt, OffsetDateTime installedAt, OffsetDateTime updatedAt) {

  /** Percent of data used (0–100, rounded down), or null when the figures are not known. */
  public Integer usedPercent() {
    if (dataTotalBytes == null || dataUsedBytes == null || dataTotalBytes <= 0) {
      return null;
    }
    return (int) Math.min(100, dataUsedBytes * 100 / dataTotalBytes);
  }
}
