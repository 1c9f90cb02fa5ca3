package uz.onesim.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.ValidationException;

/**
 * A partner's webhooks: register endpoints, rotate their signing secrets, see every delivery and
 * replay one. OneSIM's backend posts each event, signed (check it with {@link WebhookVerifier}),
 * retrying with backoff for a day (docs/webhooks.md). Thread-safe.
 */
public final class WebhookService {
  /** The event types an endpoint can ask for. */
  public static final Set<String> EVENT_TYPES = Set.of("order.allocated", "order.failed", "order.cancelled", "balance.low",
      "esim.installed", "esim.usage_low", "esim.expiring", "topup.applied");

  private final PostgrestClient db;

  WebhookService(PostgrestClient db) {
    this.db = db;
  }

  /** A new endpoint and its signing secret: store the secret now, it is never shown again. */
  public record Created(WebhookEndpoint endpoint, String secret) {
    @Override
    public String toString() {
      return "Created{" + endpoint + ", secret redacted}";
    }
  }

  /**
   * Registers {@code url} (https) for {@code events}.
   *
   * @throws ValidationException for an unknown event type or a URL that is not https, before any request
   */
  public Created create(String url, Set<String> events) {
    if (events == null || events.isEmpty() || !EVENT_TYPES.containsAll(events)) {
      throw new ValidationException("events", "unknown_event", "events are " + EVENT_TYPES);
    }
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://localhost") || url.startsWith("http://127.0.0.1"))) {
      throw new ValidationException("url", "invalid_url", "the endpoint must be an https:// URL");
    }
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_url", url);
    args.put("p_events", List.copyOf(events));
    JsonNode row = db.rpc("create_webhook_endpoint", args).json().get(0);
    List<String> types = new java.util.ArrayList<>();
    row.path("events").forEach(e -> types.add(e.asText()));
    WebhookEndpoint endpoint = new WebhookEndpoint(UUID.fromString(row.path("id").asText()), row.path("url").asText(), List.copyOf(types),
        row.path("active").asBoolean(), java.time.OffsetDateTime.parse(row.path("created_at").asText()));
    return new Created(endpoint, row.path("secret").asText());
  }

  /** The partner's endpoints, newest first. */
  public List<WebhookEndpoint> list() {
    return db.from("webhook_endpoints").select("id,url,events,active,created_at").order("created_at", false).list(WebhookEndpoint.class);
  }

  /**
   * A new signing secret for {@code endpointId}; the old one keeps working for {@code overlap} (at
   * most 7 days) so the partner can switch without missing an event. Returned once.
   */
  public String rotateSecret(UUID endpointId, Duration overlap) {
    return db.rpc("rotate_webhook_secret", Map.of("p_endpoint_id", endpointId, "p_overlap_seconds", overlap.toSeconds()))
        .json().asText();
  }

  /** Stops deliveries to {@code endpointId} for good (pending ones fail). */
  public void disable(UUID endpointId) {
    db.rpc("disable_webhook_endpoint", Map.of("p_endpoint_id", endpointId)).execute();
  }

  /** The latest deliveries, newest first (at most {@code limit}, up to 1000). */
  public List<WebhookDelivery> deliveries(int limit) {
    return db.from("webhook_deliveries").select("id,event_id,endpoint_id,status,attempts,next_attempt_at,last_status_code,"
        + "last_error,delivered_at,created_at").order("created_at", false).limit(uz.onesim.core.Limits.requireRows(limit))
        .list(WebhookDelivery.class);
  }

  /** Sends a delivery's event again to its endpoint (a new delivery, due now). Returns the new delivery's id. */
  public UUID replay(UUID deliveryId) {
    return UUID.fromString(db.rpc("replay_webhook_delivery", Map.of("p_delivery_id", deliveryId)).json().asText());
  }
}
