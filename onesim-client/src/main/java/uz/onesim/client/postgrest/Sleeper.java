package uz.onesim.client.postgrest;

import java.time.Duration;

/** Waits between retries; injectable so tests run instantly. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
