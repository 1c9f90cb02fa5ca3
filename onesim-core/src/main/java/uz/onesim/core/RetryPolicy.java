package uz.onesim.core;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SDK's one retry policy, used by the PostgREST layer, the eSIM Access client and the flows'
 * create paths. <em>What</em> may be retried is each caller's decision (only requests that are safe
 * to repeat); this says <em>how often and how long to wait</em>:
 * <ul>
 *   <li>at most {@link #maxRetries()} retries after the first attempt;
 *   <li>before retry {@code n} (1-based), a random wait in {@code [cap/2, cap]} where
 *       {@code cap = min(maxDelay, baseDelay × 2^(n−1))} ("equal jitter": never less than half the
 *       exponential step, so a burst of clients spreads out without retrying at once);
 *   <li>a server's {@code Retry-After} replaces the computed wait, capped at {@link #maxDelay()}
 *       (a server cannot park a caller for longer than the caller allows).
 * </ul>
 * Immutable and thread-safe.
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
  /** Three retries, 250 ms first step, 10 s cap, real sleeping. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(10), Sleeper.SYSTEM);

  /** Validates: {@code maxRetries >= 0}, positive delays with {@code baseDelay <= maxDelay}. */
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
    }
    Objects.requireNonNull(baseDelay, "baseDelay == null");
    Objects.requireNonNull(maxDelay, "maxDelay == null");
    Objects.requireNonNull(sleeper, "sleeper == null");
    if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("need 0 < baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
    }
  }

  /** This policy with another retry count. */
  public RetryPolicy withMaxRetries(int n) {
    return new RetryPolicy(n, baseDelay, maxDelay, sleeper);
  }

  /** This policy with other delays. */
  public RetryPolicy withBackoff(Duration base, Duration max) {
    return new RetryPolicy(maxRetries, base, max, sleeper);
  }

  /** This policy waiting with {@code s} (tests pass a simulated clock). */
  public RetryPolicy withSleeper(Sleeper s) {
    return new RetryPolicy(maxRetries, baseDelay, maxDelay, s);
  }

  /** Whether a retry may follow failed attempt {@code attempt} (1-based). */
  public boolean allowsRetryAfter(int attempt) {
    return attempt <= maxRetries;
  }

  /** How long to wait before retry number {@code retry} (1-based); {@code retryAfter} wins, capped. */
  public Duration delayBefore(int retry, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.isNegative() ? Duration.ZERO : min(retryAfter, maxDelay);
    }
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(Math.max(retry, 1) - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
  }

  /** Waits {@code delay}; on interrupt restores the flag and throws {@code onInterrupt}. */
  public void pause(Duration delay, RuntimeException onInterrupt) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw onInterrupt;
    }
  }

  /**
   * A {@code Retry-After} header value: delta-seconds or an HTTP date (RFC 9110); null when absent
   * or unreadable. Not capped here: {@link #delayBefore} caps.
   */
  public static Duration parseRetryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException unparsable) {
        return null;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
