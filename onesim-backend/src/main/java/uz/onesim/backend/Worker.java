package uz.onesim.backend;

/**
 * The one contract every scheduled backend job meets: a name (for logs, health and metrics) and one
 * pass that claims what is due, works it, and says how much it claimed. {@link WorkerScheduler}
 * runs workers; {@link OneSimBackend#workers(WorkerPlan)} schedules the backend's own (fulfilment, reconcile, provider events,
 * usage, notices, top-ups, partner webhooks, after-sale requests, unpaid-order expiry).
 */
public interface Worker {
  /** A stable name, e.g. {@code fulfilment}. */
  String name();

  /** One pass. Throwing counts as a failed pass; the scheduler backs off and carries on. */
  WorkerPass runOnce() throws Exception;
}
