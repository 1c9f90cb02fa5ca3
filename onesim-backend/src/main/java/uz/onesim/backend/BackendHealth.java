package uz.onesim.backend;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * What {@link OneSimBackend#health} reports, cheap enough to ask every few seconds (one database
 * round trip, one provider call): each component with its status and figure. {@link #status()} is
 * the worst of them. docs/operations.md says what to alert on.
 */
public record BackendHealth(Status status, List<Component> components) {

  /** UP: fine; DEGRADED: working but behind or partly failing; DOWN: not working. */
  public enum Status { UP, DEGRADED, DOWN }

  /** One checked part: a name ({@code database}, {@code provider}, {@code worker:fulfilment}, …), its status, what was seen. */
  public record Component(String name, Status status, String detail) {}

  /** The figures read from the database (null when it could not be reached). */
  public record Figures(String schemaVersion, OffsetDateTime oldestUnfulfilledPaidAt, long ordersProcessing,
      long providerEventsPending, long partnerWebhooksPending, long partnerWebhooksFailed, long noticesPending, long topUpsPending,
      long topUpsNeedsReview, long ordersNeedsReview) {

    static Figures from(com.fasterxml.jackson.databind.JsonNode j) {
      String oldest = j.path("oldest_unfulfilled_paid_at").asText(null);
      return new Figures(j.path("schema_version").asText(null), oldest == null ? null : OffsetDateTime.parse(oldest),
          j.path("orders_processing").asLong(), j.path("provider_events_pending").asLong(), j.path("partner_webhooks_pending").asLong(),
          j.path("partner_webhooks_failed").asLong(), j.path("notices_pending").asLong(), j.path("topups_pending").asLong(),
          j.path("topups_needs_review").asLong(), j.path("orders_needs_review").asLong());
    }
  }

  /** What is alerted on: a paid order waiting longer than this for its eSIM, a worker without success for longer. */
  public record Thresholds(Duration maxFulfilmentWait, Duration maxWorkerLag, MonetaryAmount minProviderBalance) {
    /** 10 minutes, 5 minutes, 100.00 USD. */
    public static Thresholds defaults() {
      return new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(5), uz.onesim.core.Amounts.usd("100.00"));
    }
  }

  /** The component called {@code name}, if reported. */
  public java.util.Optional<Component> component(String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
