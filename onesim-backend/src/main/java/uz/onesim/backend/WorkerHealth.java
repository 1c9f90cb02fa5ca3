package uz.onesim.backend;

import java.time.Duration;
import java.time.Instant;

/**
 * One scheduled worker as {@link WorkerScheduler#health()} reports it: when its last pass ended
 * well (null: never yet), its last failure and why (a class name and message, never a secret), how
 * many passes and failures it had, and how long since it last succeeded ({@code lag}).
 */
public record WorkerHealth(String name, Instant lastSuccess, Instant lastFailure, String lastError, long passes, long failures,
    long consecutiveFailures, Duration lag, long claimed, long done, long failedItems) {

  /** Healthy when its last pass succeeded and it succeeded within {@code maxLag}. */
  public boolean healthy(Duration maxLag) {
    return consecutiveFailures == 0 && lastSuccess != null && lag.compareTo(maxLag) <= 0;
  }
}
