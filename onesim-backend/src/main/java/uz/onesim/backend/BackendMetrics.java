package uz.onesim.backend;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import uz.onesim.esimaccess.EsimAccessClient;

/**
 * Binds the backend's figures to a Micrometer registry (Micrometer is an optional dependency: add
 * {@code io.micrometer:micrometer-core} and bind your application's registry; the library binds
 * none). Names follow Micrometer's conventions (dots; the registry adds units and suffixes); every
 * one is listed in docs/operations.md.
 *
 * <pre>{@code
 * BackendMetrics.bind(registry, backend, esimAccessClient, workers);
 * }</pre>
 */
public final class BackendMetrics {
  private static final Duration FIGURES_MAX_AGE = Duration.ofSeconds(10);

  private BackendMetrics() {}

  /**
   * Registers: per worker {@code onesim.worker.passes}, {@code onesim.worker.failures} (counters) and
   * {@code onesim.worker.lag} (seconds since its last success); every provider call as the timer
   * {@code onesim.provider.calls} tagged {@code endpoint} and {@code outcome}; and the backlogs read
   * from the database at most every 10 s: {@code onesim.orders.processing},
   * {@code onesim.fulfilment.oldest.paid.wait} (seconds), {@code onesim.provider.events.pending},
   * {@code onesim.partner.webhooks.pending}, {@code onesim.partner.webhooks.failed},
   * {@code onesim.notices.pending}, {@code onesim.topups.pending}. {@code esim} and {@code workers}
   * may be null.
   */
  public static void bind(MeterRegistry registry, OneSimBackend backend, EsimAccessClient esim, WorkerScheduler workers) {
    if (workers != null) {
      for (WorkerHealth w : workers.health()) {
        String name = w.name();
        FunctionCounter.builder("onesim.worker.passes", workers, s -> find(s, name).passes()).tag("worker", name)
            .description("passes of the worker, failed ones included").register(registry);
        FunctionCounter.builder("onesim.worker.failures", workers, s -> find(s, name).failures()).tag("worker", name)
            .description("failed passes of the worker").register(registry);
        FunctionCounter.builder("onesim.worker.items", workers, s -> find(s, name).claimed()).tag("worker", name).tag("outcome", "claimed")
            .description("items the worker's passes claimed (orders, events, notices, top-ups, deliveries)").register(registry);
        FunctionCounter.builder("onesim.worker.items", workers, s -> find(s, name).done()).tag("worker", name).tag("outcome", "done")
            .description("items the worker's passes completed").register(registry);
        FunctionCounter.builder("onesim.worker.items", workers, s -> find(s, name).failedItems()).tag("worker", name).tag("outcome", "failed")
            .description("items the worker's passes failed or left for another try").register(registry);
        Gauge.builder("onesim.worker.lag", workers, s -> find(s, name).lag().toMillis() / 1000.0).tag("worker", name)
            .baseUnit("seconds").description("time since the worker's last successful pass").strongReference(true).register(registry);
      }
    }
    if (esim != null) {
      esim.setCallListener((endpoint, outcome, took) -> Timer.builder("onesim.provider.calls").tag("endpoint", endpoint)
          .tag("outcome", outcome).description("HTTP attempts to eSIM Access").register(registry).record(took));
    }
    Figures figures = new Figures(backend);
    gauge(registry, "onesim.orders.processing", figures, f -> f.ordersProcessing(), "orders placed at the provider, not yet allocated");
    gauge(registry, "onesim.fulfilment.oldest.paid.wait", figures, f -> f.oldestUnfulfilledPaidAt() == null ? 0
        : Duration.between(f.oldestUnfulfilledPaidAt().toInstant(), Instant.now()).toMillis() / 1000.0,
        "seconds the oldest paid order has waited for its eSIM");
    gauge(registry, "onesim.provider.events.pending", figures, f -> f.providerEventsPending(), "stored provider webhooks not yet applied");
    gauge(registry, "onesim.partner.webhooks.pending", figures, f -> f.partnerWebhooksPending(), "partner webhook deliveries to send");
    gauge(registry, "onesim.partner.webhooks.failed", figures, f -> f.partnerWebhooksFailed(), "partner webhook deliveries given up");
    gauge(registry, "onesim.notices.pending", figures, f -> f.noticesPending(), "traveller notices to send");
    gauge(registry, "onesim.topups.pending", figures, f -> f.topUpsPending(), "paid top-ups not yet applied");
    gauge(registry, "onesim.orders.needs_review", figures, f -> f.ordersNeedsReview(), "orders of batches a person must settle");
    gauge(registry, "onesim.topups.needs_review", figures, f -> f.topUpsNeedsReview(), "top-ups whose outcome a person must settle");
  }

  /**
   * The account-wide rate limit's waits on this instance: {@code onesim.provider.rate.waits} (requests
   * that waited for a slot) and {@code onesim.provider.rate.waited} (seconds waited in all).
   */
  public static void bind(MeterRegistry registry, ProviderRateBudget budget) {
    FunctionCounter.builder("onesim.provider.rate.waits", budget, ProviderRateBudget::waits)
        .description("provider requests that waited for the account's rate").register(registry);
    FunctionCounter.builder("onesim.provider.rate.waited", budget, b -> b.waited().toMillis() / 1000.0).baseUnit("seconds")
        .description("time provider requests waited for the account's rate").register(registry);
  }

  private static void gauge(MeterRegistry registry, String name, Figures figures, ToDoubleFunction<BackendHealth.Figures> value,
      String description) {
    Gauge.builder(name, figures, f -> {
      BackendHealth.Figures now = f.get();
      return now == null ? Double.NaN : value.applyAsDouble(now);
    }).description(description).strongReference(true).register(registry);   // the figures live as long as the registry
  }

  private static WorkerHealth find(WorkerScheduler s, String name) {
    return s.health().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }

  /** The database figures, read at most every 10 s whatever the scrape rate; NaN while unreachable. */
  private static final class Figures {
    private final OneSimBackend backend;
    private final AtomicReference<Instant> readAt = new AtomicReference<>(Instant.EPOCH);
    private volatile BackendHealth.Figures last;

    Figures(OneSimBackend backend) {
      this.backend = backend;
    }

    BackendHealth.Figures get() {
      Instant at = readAt.get();
      if (Instant.now().isAfter(at.plus(FIGURES_MAX_AGE)) && readAt.compareAndSet(at, Instant.now())) {
        try {
          last = backend.figures();
        } catch (RuntimeException unreachable) {
          last = null;
        }
      }
      return last;
    }
  }
}
