package uz.onesim.client;

import java.util.UUID;

/**
 * Per-call options. {@code idempotencyKey}: a create call with the same key returns the first
 * call's orders instead of creating new ones, so a call retried after a timeout is safe. One is
 * generated when none is given (then only the SDK's own retries are covered).
 */
public record CallOptions(String idempotencyKey) {
  /** @throws uz.onesim.core.ValidationException for a blank key or one over 128 characters */
  public CallOptions {
    if (idempotencyKey != null) {
      uz.onesim.core.OrderRules.requireValidIdempotencyKey(idempotencyKey);
    }
  }

  public static CallOptions none() {
    return new CallOptions(null);
  }

  public static CallOptions idempotencyKey(String key) {
    return new CallOptions(key);
  }

  String keyOrNew() {
    return idempotencyKey != null ? idempotencyKey : "sdk-" + UUID.randomUUID();
  }
}
