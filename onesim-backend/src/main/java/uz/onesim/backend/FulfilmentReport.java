package uz.onesim.backend;

import java.util.List;
import java.util.UUID;

/**
 * What one fulfilment pass did: orders claimed, provider orders placed (or found again by replay),
 * orders allocated, orders failed (with the reason kept on the order), orders still waiting.
 */
public record FulfilmentReport(int claimed, List<String> providerOrders, int allocated, List<Failure> failures, int waiting) {
  public FulfilmentReport {
    providerOrders = List.copyOf(providerOrders);
    failures = List.copyOf(failures);
  }

  /** Orders the provider refused for good. */
  public record Failure(List<UUID> orderIds, String code, String reason) {}
}
