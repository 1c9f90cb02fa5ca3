package uz.onesim.core;

import java.time.Duration;

/** Too many requests (HTTP 429 or the provider's rate-limit code); {@link #retryAfter()} says when to try again, if known. */
public class RateLimitedException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitedException(String message, int status, String remoteCode, String requestId, String body, Duration retryAfter) {
    super(message, status, remoteCode, requestId, null, null, body, null);
    this.retryAfter = retryAfter;
  }

  /** How long the service asked to wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
