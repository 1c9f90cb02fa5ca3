package uz.onesim.backend;

import java.util.List;
import java.util.UUID;

/**
 * What one fulfilment (or reconcile) pass did: orders claimed, provider orders placed (or found
 * again by replay), orders allocated, orders failed (with the reason kept on the order), orders
 * still waiting, and whether the claim was a full batch.
 */
public record FulfilmentReport(int claimed, List<String> providerOrders, int allocated, List<Failure> failures, int waiting,
    boolean full) implements WorkerPass {
  public FulfilmentReport {
    providerOrders = List.copyOf(providerOrders);
    failures = List.copyOf(failures);
  }

  /** Orders allocated. */
  @Override
  public int done() {
    return allocated;
  }

  /** Orders failed for good. */
  @Override
  public int failed() {
    return failures.stream().mapToInt(f -> f.orderIds().size()).sum();
  }

  /** Orders the provider refused for good. */
  public record Failure(List<UUID> orderIds, String code, String reason) {}
}
