package uz.onesim.esimaccess;

import java.time.Duration;

/** Waits (between retries, for the rate limit, while polling); injectable so tests run instantly. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

  void sleep(Duration duration) throws InterruptedException;
}
