package uz.onesim.backend;

/**
 * Finishes what fulfilment left in between, by asking the provider and never by ordering anew
 * ({@link FulfilmentWorker#reconcile()}): batches a crash left PROCESSING, and orders whose
 * provider webhook never came. Scheduled every 30 s by {@link OneSimBackend#workers(WorkerPlan)};
 * several may run (whole batches are claimed under a lease).
 */
public final class ReconcileWorker implements Worker {
  private final FulfilmentWorker fulfilment;

  ReconcileWorker(FulfilmentWorker fulfilment) {
    this.fulfilment = fulfilment;
  }

  /** {@code reconcile}. */
  @Override
  public String name() {
    return "reconcile";
  }

  /** One reconcile pass over every stuck batch. */
  @Override
  public FulfilmentReport runOnce() {
    return fulfilment.reconcile();
  }
}
