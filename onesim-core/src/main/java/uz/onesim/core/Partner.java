package uz.onesim.core;

import java.util.Objects;
import java.util.UUID;

/**
 * What the order rules need to know about a partner: who it is, whether it may order, and its
 * discount terms.
 *
 * @param customDiscountRate an override set by OneSIM, or {@code null}
 */
public record Partner(
    UUID id, PartnerStatus status, DiscountRate discountRate, DiscountRate customDiscountRate) {
  public Partner {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(discountRate, "discountRate == null");
  }

  /** An active partner on the default 5 % terms. */
  public static Partner active(UUID id) {
    return new Partner(id, PartnerStatus.ACTIVE, DiscountRate.DEFAULT, null);
  }

  /** The rate that applies to this partner's orders: the custom rate when set, else the default. */
  public DiscountRate effectiveRate() {
    return DiscountRate.effective(discountRate, customDiscountRate);
  }

  public Partner withCustomRate(DiscountRate custom) {
    return new Partner(id, status, discountRate, custom);
  }

  public Partner withStatus(PartnerStatus newStatus) {
    return new Partner(id, newStatus, discountRate, customDiscountRate);
  }
}
