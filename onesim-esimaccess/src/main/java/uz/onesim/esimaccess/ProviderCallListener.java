package uz.onesim.esimaccess;

import java.time.Duration;

/**
 * Told about every HTTP attempt to eSIM Access, for metrics and logs: the endpoint
 * ({@code esim/order}), the outcome ({@code success}, the provider's {@code errorCode}, {@code http_429},
 * {@code http_<status>} or {@code transport_error}) and how long it took. Called on the calling
 * thread; keep it quick. Never given a key, a signature or a body.
 */
@FunctionalInterface
public interface ProviderCallListener {
  /** No-op. */
  ProviderCallListener NONE = (endpoint, outcome, took) -> { };

  void callEnded(String endpoint, String outcome, Duration took);
}
