package uz.onesim.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.PartnerStatus;

/**
 * One entry of a partner's standing history: who moved it, when, from what to what, and why.
 *
 * @param from null for the application itself
 * @param customDiscountRate the partner's custom rate when the change was made (null for the default)
 */
public record PartnerStatusChange(UUID partnerId, PartnerStatus from, PartnerStatus to, String reason,
    DiscountRate customDiscountRate, UUID actorId, OffsetDateTime createdAt) {

  /** The row as PostgREST returns it. */
  record Row(UUID partnerId, String fromStatus, String toStatus, String reason, BigDecimal customDiscountRate,
      UUID actorId, OffsetDateTime createdAt) {
    PartnerStatusChange toChange() {
      return new PartnerStatusChange(partnerId, fromStatus == null ? null : PartnerStatus.fromWire(fromStatus),
          PartnerStatus.fromWire(toStatus), reason, customDiscountRate == null ? null : DiscountRate.of(customDiscountRate),
          actorId, createdAt);
    }
  }
}
