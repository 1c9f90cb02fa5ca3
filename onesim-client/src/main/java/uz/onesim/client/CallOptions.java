package uz.onesim.client;

import java.util.UUID;
import uz.onesim.core.DeliveryMethod;
import uz.onesim.core.OrderRules;

/**
 * Per-call options of a purchase. {@code idempotencyKey}: a create call with the same key returns
 * the first call's orders instead of creating new ones, so a call retried after a timeout is safe;
 * one is generated when none is given (then only the SDK's own retries are covered).
 * {@code deliveryMethod}: how the eSIMs reach the travellers ({@link DeliveryMethod#EMAIL} when null).
 */
public record CallOptions(String idempotencyKey, DeliveryMethod deliveryMethod) {
  /** @throws uz.onesim.core.ValidationException for a blank key or one over 128 characters */
  public CallOptions {
    if (idempotencyKey != null) {
      OrderRules.requireValidIdempotencyKey(idempotencyKey);
    }
  }

  /** No idempotency key, the default delivery method (email). */
  public static CallOptions none() {
    return new CallOptions(null, null);
  }

  /** Retry-safe: the same key returns the first call's result. */
  public static CallOptions idempotencyKey(String key) {
    return new CallOptions(key, null);
  }

  /** The same options, delivering by {@code method}. */
  public CallOptions withDelivery(DeliveryMethod method) {
    return new CallOptions(idempotencyKey, method);
  }

  String keyOrNew() {
    return idempotencyKey != null ? idempotencyKey : "sdk-" + UUID.randomUUID();
  }
}
