package uz.onesim.esimaccess.internal;

import java.time.Duration;
import java.util.function.LongSupplier;
import uz.onesim.core.Sleeper;

/**
 * Spaces requests evenly so fewer than {@code permitsPerSecond} leave in any one-second window:
 * the spacing carries a 3 % margin, because with exact spacing the next request lands on the very
 * edge of a server's sliding window. Thread-safe.
 */
public final class RateLimiter implements uz.onesim.esimaccess.RequestBudget {
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long next;

  public RateLimiter(double permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(permitsPerSecond > 0)) {
      throw new IllegalArgumentException("permitsPerSecond must be > 0: " + permitsPerSecond);
    }
    this.intervalNanos = (long) (1_030_000_000L / permitsPerSecond);
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.next = nanoTime.getAsLong();
  }

  /** Waits for this caller's slot. */
  @Override
  public void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      long slot = Math.max(now, next);
      next = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }
}
