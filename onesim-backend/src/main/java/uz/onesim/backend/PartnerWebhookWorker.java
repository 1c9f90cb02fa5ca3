package uz.onesim.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.onesim.client.WebhookVerifier;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.ValidationException;

/**
 * Delivers partners' webhook events from the outbox: claims due deliveries ({@code SKIP LOCKED},
 * with a lease, so several dispatchers may run), posts each event's exact body signed with every
 * live secret of its endpoint ({@link WebhookVerifier#SIGNATURE_HEADER}), and records the attempt;
 * the database schedules retries (exponential backoff for a day). Redirects are not followed; a
 * 2xx answer within the timeout counts as delivered. Run {@link #runOnce()} on a schedule.
 * Thread-safe.
 */
public final class PartnerWebhookWorker implements Worker {
  /** 100 deliveries per pass, held 2 minutes (longer than {@value #PER_ENDPOINT} sends at the longest timeout). */
  public static final WorkerOptions DEFAULTS = new WorkerOptions(100, Duration.ofSeconds(120));

  private static final Logger LOG = LoggerFactory.getLogger(PartnerWebhookWorker.class);
  private static final MediaType JSON = MediaType.get("application/json");

  /** What one run did. */
  public record Report(int claimed, int delivered, int retrying, int failed, boolean full) implements WorkerPass {
    /** Deliveries the endpoint accepted. */
    @Override
    public int done() {
      return delivered;
    }
  }

  private final PostgrestClient service;
  private final OkHttpClient http;
  private final OkHttpClient httpLocal;   // local development only (the database's switch, V27)
  private final String worker;
  private final WorkerOptions work;
  private final Clock clock;

  PartnerWebhookWorker(PostgrestClient service, String worker, WorkerOptions work, Duration timeout, Clock clock) {
    this.service = service;
    this.worker = uz.onesim.backend.internal.Workers.requireName(worker);
    this.work = java.util.Objects.requireNonNull(work, "work == null");
    this.clock = clock;
    OkHttpClient base = service.okHttp().newBuilder().followRedirects(false).followSslRedirects(false)
        .callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).retryOnConnectionFailure(false).build();
    // partners' hosts are resolved through WebhookTargets: never into OneSIM's own network
    this.http = base.newBuilder().dns(new uz.onesim.backend.internal.WebhookTargets(false)).build();
    this.httpLocal = base.newBuilder().dns(new uz.onesim.backend.internal.WebhookTargets(true)).build();
  }

  /** {@code partner-webhooks}. */
  @Override
  public String name() {
    return "partner-webhooks";
  }

  /** At most this many deliveries of one endpoint per pass: a slow endpoint's share is bounded by its timeouts. */
  static final int PER_ENDPOINT = 5;
  /** Endpoints served at once in a pass. */
  static final int PARALLEL_ENDPOINTS = 16;

  /**
   * Claims due deliveries (at most {@value #PER_ENDPOINT} per endpoint) and sends them: endpoints in
   * parallel (up to {@value #PARALLEL_ENDPOINTS} at once), so a slow endpoint never holds up a
   * healthy one; each endpoint's deliveries one after another, oldest first. An outcome is recorded
   * only while this worker still holds the delivery (a late answer after the lease changes nothing).
   */
  @Override
  public Report runOnce() {
    JsonNode due = service.rpc("claim_webhook_deliveries", Map.of("p_worker", worker, "p_limit", work.batchSize(),
        "p_lease_seconds", work.lease().toSeconds(), "p_per_endpoint", PER_ENDPOINT)).json();
    Map<String, List<JsonNode>> byEndpoint = new LinkedHashMap<>();
    due.forEach(d -> byEndpoint.computeIfAbsent(d.path("endpoint_id").asText(), k -> new ArrayList<>()).add(d));
    List<Map<String, Object>> attempts = java.util.Collections.synchronizedList(new ArrayList<>());
    if (!byEndpoint.isEmpty()) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
          Math.min(byEndpoint.size(), PARALLEL_ENDPOINTS), r -> {
            Thread t = new Thread(r, "onesim-webhooks-" + worker);
            t.setDaemon(true);
            return t;
          });
      try {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (List<JsonNode> endpoint : byEndpoint.values()) {
          sent.add(pool.submit(() -> endpoint.forEach(d -> attempts.add(send(d)))));
        }
        for (java.util.concurrent.Future<?> f : sent) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sending webhooks", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    // every attempt of the pass recorded in one round trip (only for deliveries this worker still holds)
    List<String> outcomes = new ArrayList<>();
    if (!attempts.isEmpty()) {
      JsonNode recorded = service.rpc("record_webhook_attempts", Map.of("p_worker", worker, "p_attempts", List.copyOf(attempts))).json();
      attempts.forEach(a -> outcomes.add(recorded.path(String.valueOf(a.get("delivery_id"))).asText("lease_lost")));
    }
    int delivered = 0;
    int retrying = 0;
    int failed = 0;
    for (String outcome : outcomes) {
      switch (outcome) {
        case "delivered" -> delivered++;
        case "failed" -> failed++;
        default -> retrying++;
      }
    }
    return new Report(due.size(), delivered, retrying, failed, due.size() >= work.batchSize());
  }

  /** Sends one delivery; returns its attempt (delivery_id, status_code, error, duration_ms) to record. */
  private Map<String, Object> send(JsonNode d) {
    byte[] body = d.path("body").asText().getBytes(StandardCharsets.UTF_8);
    List<String> secrets = new ArrayList<>();
    d.path("secrets").forEach(s -> secrets.add(s.asText()));
    Request request = new Request.Builder().url(d.path("url").asText())
        .header("Content-Type", "application/json")
        .header("User-Agent", "OneSIM-Webhooks/1")
        .header("OneSIM-Event-Id", d.path("event_id").asText())
        .header("OneSIM-Event-Type", d.path("event_type").asText())
        .header("OneSIM-Delivery-Id", d.path("delivery_id").asText())
        .header("OneSIM-Event-Time", d.path("event_created_at").asText())
        .header(WebhookVerifier.SIGNATURE_HEADER, WebhookVerifier.signatureHeader(clock.instant().getEpochSecond(), secrets, body))
        .post(RequestBody.create(body, JSON)).build();
    long start = System.nanoTime();
    Integer status = null;
    String error = null;
    boolean allowLocal = d.path("allow_local_targets").asBoolean(false);
    String refused = uz.onesim.backend.internal.WebhookTargets.literalRefusal(request.url().host(), allowLocal);
    if (refused != null) {
      error = refused;
    } else {
      try (Response r = (allowLocal ? httpLocal : http).newCall(request).execute()) {
        status = r.code();
        if (!r.isSuccessful()) {
          error = "HTTP " + r.code();
        }
      } catch (IOException e) {
        error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
    }
    int millis = (int) Duration.ofNanos(System.nanoTime() - start).toMillis();
    Map<String, Object> attempt = new LinkedHashMap<>();
    attempt.put("delivery_id", d.path("delivery_id").asText());
    attempt.put("status_code", status);
    attempt.put("error", error);
    attempt.put("duration_ms", millis);
    LOG.debug("webhook {} {} to endpoint {}: {} ({} ms)", d.path("event_type").asText(), d.path("event_id").asText(),
        d.path("endpoint_id").asText(), status == null ? error : status, millis);
    return attempt;
  }
}
