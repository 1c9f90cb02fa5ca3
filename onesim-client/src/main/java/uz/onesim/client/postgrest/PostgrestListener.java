package uz.onesim.client.postgrest;

import java.time.Duration;

/**
 * Observes every HTTP attempt, for logging and metering. Called on the calling thread; keep it
 * fast. URLs carry filters but never keys or tokens.
 */
public interface PostgrestListener {
  PostgrestListener NONE = new PostgrestListener() {};

  /** A listener that counts every attempt into {@code counter} (for metering, or round-trip assertions). */
  static PostgrestListener counting(java.util.concurrent.atomic.AtomicInteger counter) {
    return new PostgrestListener() {
      @Override
      public void requestStart(Attempt attempt) {
        counter.incrementAndGet();
      }
    };
  }

  /** One attempt of one call. */
  record Attempt(String method, String url, int attempt) {}

  /** An attempt is about to be sent. */
  default void requestStart(Attempt attempt) {}

  /**
   * An attempt ended: {@code status} 0 and {@code failure} set when no response came.
   *
   * @param requestId the server's request id header, if any
   */
  default void requestEnd(Attempt attempt, int status, Duration duration, String requestId, Throwable failure) {}
}
