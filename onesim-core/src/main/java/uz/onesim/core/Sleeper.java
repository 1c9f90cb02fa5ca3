package uz.onesim.core;

import java.time.Duration;

/**
 * Waits: between retries, for a rate limit, while polling. Every module takes this one type, so a
 * test can pass a simulated clock's {@code advance} and run instantly.
 */
@FunctionalInterface
public interface Sleeper {
  /** The real thing: {@link Thread#sleep}. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

  /** Waits for {@code duration}; an interrupt ends the wait. */
  void sleep(Duration duration) throws InterruptedException;
}
