package uz.onesim.client;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * How a partner's deliveries are doing: webhooks to its own system, installation details to its
 * travellers, lifecycle notices — what waits, what failed, the last error. A partner reads its own
 * ({@link PartnerService#deliveryHealth()}); an admin reads every partner's
 * ({@link AdminService#deliveryHealth()}).
 *
 * @param travellerFailures24h installation deliveries not sent in the last 24 hours
 * @param travellerLastError the last one's channel and outcome, e.g. {@code email: failed: …}
 */
public record DeliveryHealth(UUID partnerId, String companyName, long webhooksPending, long webhooksFailed,
    OffsetDateTime webhookLastDeliveredAt, String webhookLastError, long travellerFailures24h, String travellerLastError,
    long noticesPending, long noticesFailed) {

  /** True when nothing failed: no failed webhook, traveller delivery (24 h) or notice. */
  public boolean healthy() {
    return webhooksFailed == 0 && travellerFailures24h == 0 && noticesFailed == 0;
  }
}
