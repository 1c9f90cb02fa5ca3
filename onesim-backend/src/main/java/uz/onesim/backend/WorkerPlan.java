package uz.onesim.backend;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link OneSimBackend#workers(WorkerPlan)} runs and how: this instance's name (worker names
 * are {@code <instance>-<job>}), the fulfilment and lifecycle options, the traveller channels, when
 * an unpaid shop order expires, and how long {@code close()} waits for running passes. The
 * intervals (how long a worker waits after a pass that found nothing) are in docs/operations.md.
 */
public record WorkerPlan(String instance, FulfilmentWorker.Options fulfilment, LifecycleOptions lifecycle,
    List<DeliveryChannel> channels, Duration unpaidOrderTimeout, Duration shutdownDeadline, Duration intervalScale) {

  public WorkerPlan {
    Objects.requireNonNull(instance, "instance == null");
    Objects.requireNonNull(fulfilment, "fulfilment == null");
    Objects.requireNonNull(lifecycle, "lifecycle == null");
    channels = List.copyOf(channels);
    Objects.requireNonNull(unpaidOrderTimeout, "unpaidOrderTimeout == null");
    Objects.requireNonNull(shutdownDeadline, "shutdownDeadline == null");
    Objects.requireNonNull(intervalScale, "intervalScale == null");
  }

  /**
   * The defaults for an instance: fulfilment defaults (awaiting allocation by webhook, reconcile and
   * the status sweep), lifecycle defaults, unpaid orders expire after 30 minutes, 30 s to finish on
   * close, the documented intervals.
   */
  public static WorkerPlan defaults(String instance, List<DeliveryChannel> channels) {
    return new WorkerPlan(instance, FulfilmentWorker.Options.defaults(), LifecycleOptions.defaults(), channels,
        Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofSeconds(1));
  }

  /** The same plan with every interval measured in {@code unit} instead of seconds (tests run them in milliseconds). */
  public WorkerPlan withIntervalUnit(Duration unit) {
    return new WorkerPlan(instance, fulfilment, lifecycle, channels, unpaidOrderTimeout, shutdownDeadline, unit);
  }

  /** The same plan with these fulfilment options. */
  public WorkerPlan withFulfilment(FulfilmentWorker.Options options) {
    return new WorkerPlan(instance, options, lifecycle, channels, unpaidOrderTimeout, shutdownDeadline, intervalScale);
  }

  Duration every(long units) {
    return intervalScale.multipliedBy(units);
  }
}
