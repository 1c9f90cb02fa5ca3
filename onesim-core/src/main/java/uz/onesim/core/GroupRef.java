package uz.onesim.core;

import java.util.Objects;
import java.util.UUID;

/** A customer group an order is bought for, and the partner that owns the group. */
public record GroupRef(UUID id, UUID partnerId) {
  public GroupRef {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(partnerId, "partnerId == null");
  }
}
