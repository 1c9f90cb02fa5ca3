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
 * Delivers partners' webhook events from the outbox: claims due deliveries ({@code SKIP LOCKED}-style
 * leases recorded with the worker's name, so several dispatchers may run), posts each event's exact
 * body signed with every live secret of its endpoint ({@link WebhookVerifier#SIGNATURE_HEADER}), and
 * records the attempts; the database schedules retries (exponential backoff for a day). Redirects
 * are not followed; a 2xx answer within the timeout counts as delivered.
 *
 * <p>Each endpoint goes at its own pace: it is served by one worker at a time, a batch at a time,
 * with up to {@link #inFlightPerEndpoint()} requests in flight to it (one event subject — an order —
 * never has two: its deliveries go one after another, oldest first). A batch is recorded in one call
 * as soon as its endpoint has answered it. When a whole batch's last round begins, the worker claims
 * the endpoint's next batch, which takes up the requests as they come back: an endpoint with a
 * backlog is served without a pause between batches. Other endpoints are claimed whenever a batch is
 * recorded, while a slow endpoint's batch is still being sent. Run {@link #runOnce()} on a schedule
 * ({@link WorkerScheduler} runs it again at once while a whole batch is out). Thread-safe.
 */
public final class PartnerWebhookWorker implements Worker {
  /**
   * New endpoints are claimed while this worker has fewer than 200 deliveries not yet answered (an
   * endpoint it is sending to claims its next batch by its own measure: at most about two batches
   * out); each delivery is held 2 minutes (longer than a batch of one endpoint at the longest timeout).
   */
  public static final WorkerOptions DEFAULTS = new WorkerOptions(200, Duration.ofSeconds(120));
  /** Requests in flight to one endpoint at most, by default. */
  public static final int DEFAULT_IN_FLIGHT_PER_ENDPOINT = 16;

  private static final Logger LOG = LoggerFactory.getLogger(PartnerWebhookWorker.class);
  private static final MediaType JSON = MediaType.get("application/json");
  /** How long a pass goes on claiming and sending before it returns (batches still in flight go on). */
  static final Duration PASS_WINDOW = Duration.ofSeconds(1);
  /** Rounds of requests per endpoint batch at most (each round at most one timeout long). */
  private static final int MAX_ROUNDS = 6;

  /**
   * What one pass did: deliveries it claimed; deliveries recorded while it ran (its own batches or
   * earlier passes') as delivered, to be retried (including any whose lease ran out before it could
   * be sent: they are left to the next claim) or failed for good; {@code sending}: this worker's
   * deliveries not yet recorded when it returned (they are recorded when their endpoint answers, and
   * are sent again after their lease if this process dies first); {@code full}: run again at once.
   */
  public record Report(int claimed, int delivered, int retrying, int failed, int sending, boolean full) implements WorkerPass {
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
  private final Duration timeout;
  private final int inFlightPerEndpoint;
  private final Clock clock;
  private final java.util.concurrent.ExecutorService lanes;
  /**
   * Claimed deliveries not yet answered (the room a claim may fill); not yet recorded and counted by
   * a pass; whole batches among those.
   */
  private final java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger unrecorded = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger fullBatches = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.BlockingQueue<Signal> signals = new java.util.concurrent.LinkedBlockingQueue<>();
  /** One per endpoint this worker has sent to, so that every batch to an endpoint shares its limit. */
  private final java.util.concurrent.ConcurrentMap<String, Endpoint> endpoints = new java.util.concurrent.ConcurrentHashMap<>();

  PartnerWebhookWorker(PostgrestClient service, String worker, WorkerOptions work, Duration timeout, Clock clock) {
    this(service, worker, work, timeout, clock, DEFAULT_IN_FLIGHT_PER_ENDPOINT);
  }

  private PartnerWebhookWorker(PostgrestClient service, String worker, WorkerOptions work, Duration timeout, Clock clock,
      int inFlightPerEndpoint) {
    this.service = service;
    this.worker = uz.onesim.backend.internal.Workers.requireName(worker);
    this.work = java.util.Objects.requireNonNull(work, "work == null");
    this.timeout = timeout;
    this.clock = clock;
    if (inFlightPerEndpoint < 1 || inFlightPerEndpoint > 64) {
      throw new ValidationException("inFlightPerEndpoint", "out_of_range", "1 to 64 requests in flight per endpoint");
    }
    this.inFlightPerEndpoint = inFlightPerEndpoint;
    OkHttpClient base = service.okHttp().newBuilder().followRedirects(false).followSslRedirects(false)
        .callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).retryOnConnectionFailure(false)
        .connectionPool(new okhttp3.ConnectionPool(64, 1, java.util.concurrent.TimeUnit.MINUTES)).build();
    // partners' hosts are resolved through WebhookTargets: never into OneSIM's own network
    this.http = base.newBuilder().dns(new uz.onesim.backend.internal.WebhookTargets(false)).build();
    this.httpLocal = base.newBuilder().dns(new uz.onesim.backend.internal.WebhookTargets(true)).build();
    java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE,
        30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "onesim-webhooks-" + this.worker);
          t.setDaemon(true);
          return t;
        });
    this.lanes = pool;   // at most one thread per lane, and lanes never outnumber the claimed deliveries
  }

  /**
   * The same worker (same name, batch, lease and timeout) sending at most {@code n} requests at once
   * to one endpoint (1 to 64; {@value #DEFAULT_IN_FLIGHT_PER_ENDPOINT} by default). One is the
   * gentlest: an endpoint's deliveries one after another.
   */
  public PartnerWebhookWorker withInFlightPerEndpoint(int n) {
    return new PartnerWebhookWorker(service, worker, work, timeout, clock, n);
  }

  /** Requests in flight to one endpoint at most. */
  public int inFlightPerEndpoint() {
    return inFlightPerEndpoint;
  }

  /** {@code partner-webhooks}. */
  @Override
  public String name() {
    return "partner-webhooks";
  }

  /** Deliveries of one endpoint per claim: whole rounds that fit twice in the lease at the longest timeout. */
  int perEndpoint() {
    long rounds = Math.max(1, Math.min(MAX_ROUNDS, work.lease().toMillis() / Math.max(1, 2 * timeout.toMillis())));
    return (int) Math.min(100, rounds * inFlightPerEndpoint);
  }

  /** An endpoint this worker is sending to: shared by a batch and the batches that continue it. */
  private final class Endpoint {
    final String id;
    /** Requests in flight to it. */
    final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(inFlightPerEndpoint);
    /** Its claimed deliveries not yet answered. */
    final java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();

    Endpoint(String id) {
      this.id = id;
    }
  }

  /** One endpoint's claimed batch while it is sent. */
  private final class Batch {
    final Endpoint endpoint;
    final List<JsonNode> deliveries;
    /** A whole batch ({@link #perEndpoint()}): its endpoint likely has more waiting. */
    final boolean full;
    final List<Map<String, Object>> attempts = java.util.Collections.synchronizedList(new ArrayList<>());
    final java.util.concurrent.atomic.AtomicInteger lanesLeft = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger unsent;
    final java.util.concurrent.atomic.AtomicBoolean continued = new java.util.concurrent.atomic.AtomicBoolean();
    volatile JsonNode outcomes;
    /** Its endpoint's next batch was claimed while it was out. */
    volatile boolean followed;
    /** When its lease runs out ({@link System#nanoTime()}, counted from before the claim was asked). */
    final long leaseEnds;

    Batch(Endpoint endpoint, List<JsonNode> deliveries, long leaseEnds) {
      this.endpoint = endpoint;
      this.deliveries = deliveries;
      this.leaseEnds = leaseEnds;
      this.full = deliveries.size() >= perEndpoint();
      this.unsent = new java.util.concurrent.atomic.AtomicInteger(deliveries.size());
    }

    /**
     * Sends the batch in lanes (one subject per lane, up to the endpoint's limit); the last lane
     * records it. When a whole batch's last round begins, or one of its lanes is done while others
     * still send, it signals for the endpoint's next batch.
     */
    void start() {
      Map<String, Integer> laneOf = new java.util.HashMap<>();
      int n = Math.min(inFlightPerEndpoint, deliveries.size());
      List<List<JsonNode>> split = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        split.add(new ArrayList<>());
      }
      for (JsonNode d : deliveries) {   // subjects round-robin over the lanes, in order of their first delivery
        split.get(laneOf.computeIfAbsent(d.path("subject").asText(), k -> laneOf.size() % n)).add(d);
      }
      split.removeIf(List::isEmpty);
      lanesLeft.set(split.size());
      int lastRound = Math.min(inFlightPerEndpoint, deliveries.size() - 1);
      for (List<JsonNode> lane : split) {
        lanes.execute(() -> {
          try {
            for (JsonNode d : lane) {
              if (unsent.decrementAndGet() == lastRound) {
                continueEndpoint();
              }
              endpoint.permits.acquireUninterruptibly();
              try {
                if (System.nanoTime() - leaseEnds >= 0) {
                  continue;   // waited past its lease (its endpoint was slow): another worker may hold it now; not sent
                }
                attempts.add(send(d));
              } catch (RuntimeException e) {   // a request that cannot even be built is an attempt that failed
                attempts.add(attempt(d, null, e.getClass().getSimpleName(), 0));
              } finally {
                endpoint.permits.release();
                endpoint.unanswered.decrementAndGet();
                unanswered.decrementAndGet();
              }
            }
          } finally {
            if (lanesLeft.decrementAndGet() == 0) {
              record();
            } else {
              continueEndpoint();   // a lane is free while others still send (one of them slow, say)
            }
          }
        });
      }
    }

    /** Once per whole batch: asks the pass for the endpoint's next batch, to take up requests as they come back. */
    private void continueEndpoint() {
      if (full && continued.compareAndSet(false, true)) {
        signals.add(new Signal(this, false));
      }
    }

    private void record() {
      try {
        outcomes = service.rpc("record_webhook_attempts", Map.of("p_worker", worker, "p_attempts", List.copyOf(attempts))).json();
      } catch (RuntimeException e) {   // sent again after the lease: deliveries are at least once
        LOG.warn("recording {} webhook attempts failed; they are sent again after their lease: {}", attempts.size(), e.toString());
      } finally {
        signals.add(new Signal(this, true));   // the pass that takes it counts it (so no pass returns with one uncounted)
      }
    }
  }

  /** What a pass waits for: a batch recorded, or a whole batch's last round begun (time to claim its endpoint's next). */
  private record Signal(Batch batch, boolean recorded) {}

  /**
   * Claims due deliveries (at most {@link #perEndpoint()} of an endpoint that nobody is sending to)
   * and sends them, each endpoint's batch on its own: a slow endpoint holds only its own batch.
   * Whenever a batch is recorded it claims again, and when a whole batch's last round begins it
   * claims that endpoint's next batch, which follows without a pause (never a subject still in
   * flight; the endpoint's limit counts both). After {@link #PASS_WINDOW} it returns, leaving
   * batches in flight to finish on their own; it reports {@code full} (run again at once) when a
   * claim filled the room or a whole batch is still out. An outcome is recorded only while this
   * worker still holds the delivery (a late answer after the lease changes nothing).
   */
  @Override
  public Report runOnce() {
    long deadline = System.nanoTime() + PASS_WINDOW.toNanos();
    int claimed = 0;
    int delivered = 0;
    int retrying = 0;
    int failed = 0;
    boolean roomFilled = false;
    boolean windowOver = false;
    boolean claimAll = true;
    try {
      while (true) {
        if (claimAll) {
          int room = work.batchSize() - unanswered.get();
          if (room > 0) {
            long leaseEnds = System.nanoTime() + work.lease().toNanos();
            JsonNode due = claim(room, null);
            claimed += due.size();
            roomFilled |= due.size() >= room;
            Map<String, List<JsonNode>> byEndpoint = new LinkedHashMap<>();
            due.forEach(d -> byEndpoint.computeIfAbsent(d.path("endpoint_id").asText(), k -> new ArrayList<>()).add(d));
            byEndpoint.forEach((endpoint, batch) -> start(endpoints.computeIfAbsent(endpoint, Endpoint::new), batch, leaseEnds));
          }
          claimAll = false;
        }
        if (unrecorded.get() == 0) {
          break;   // nothing due and nothing of this worker in flight
        }
        long left = deadline - System.nanoTime();
        Signal signal = left <= 0 ? null : signals.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (signal == null) {
          windowOver = true;   // batches still in flight finish on their own
          break;
        }
        Batch batch = signal.batch();
        if (!signal.recorded()) {
          claimed += claimNext(batch);
          continue;
        }
        unrecorded.addAndGet(-batch.deliveries.size());
        if (batch.full) {
          fullBatches.decrementAndGet();
        }
        for (JsonNode d : batch.deliveries) {
          switch (batch.outcomes == null ? "lease_lost" : batch.outcomes.path(d.path("delivery_id").asText()).asText("lease_lost")) {
            case "delivered" -> delivered++;
            case "failed" -> failed++;
            default -> retrying++;
          }
        }
        // its endpoint, free again, may have more due, and others may be waiting for room; an endpoint
        // whose next batch is already out needs no claim (others are claimed at each pass's start)
        claimAll = !batch.followed;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean full = roomFilled || (windowOver && fullBatches.get() > 0);
    return new Report(claimed, delivered, retrying, failed, unrecorded.get(), full);
  }

  /**
   * Claims and starts the endpoint's next batch while {@code batch}'s last round is out; returns how
   * many it claimed. The worker's room does not limit it (another endpoint's backlog must not stop
   * this one's); its endpoint's does: at most about two batches out.
   */
  private int claimNext(Batch batch) {
    if (batch.endpoint.unanswered.get() > perEndpoint()) {
      return 0;
    }
    long leaseEnds = System.nanoTime() + work.lease().toNanos();
    JsonNode next = claim(perEndpoint(), batch.endpoint.id);
    if (!next.isEmpty()) {
      List<JsonNode> list = new ArrayList<>();
      next.forEach(list::add);
      start(batch.endpoint, list, leaseEnds);
      batch.followed = true;
    }
    return next.size();
  }

  /** Claims at most {@code limit} due deliveries: of any free endpoints, or ({@code endpoint} given) that endpoint's next. */
  private JsonNode claim(int limit, String endpoint) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_worker", worker);
    args.put("p_limit", limit);
    args.put("p_lease_seconds", work.lease().toSeconds());
    args.put("p_per_endpoint", perEndpoint());
    if (endpoint != null) {
      args.put("p_endpoint", endpoint);
    }
    return service.rpc("claim_webhook_deliveries", args).json();
  }

  private void start(Endpoint endpoint, List<JsonNode> deliveries, long leaseEnds) {
    Batch batch = new Batch(endpoint, deliveries, leaseEnds);
    endpoint.unanswered.addAndGet(deliveries.size());
    unanswered.addAndGet(deliveries.size());
    unrecorded.addAndGet(deliveries.size());
    if (batch.full) {
      fullBatches.incrementAndGet();
    }
    batch.start();
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
    LOG.debug("webhook {} {} to endpoint {}: {} ({} ms)", d.path("event_type").asText(), d.path("event_id").asText(),
        d.path("endpoint_id").asText(), status == null ? error : status, millis);
    return attempt(d, status, error, millis);
  }

  /** One attempt to record: delivery_id, status_code, error, duration_ms. */
  private static Map<String, Object> attempt(JsonNode delivery, Integer status, String error, int millis) {
    Map<String, Object> attempt = new LinkedHashMap<>();
    attempt.put("delivery_id", delivery.path("delivery_id").asText());
    attempt.put("status_code", status);
    attempt.put("error", error);
    attempt.put("duration_ms", millis);
    return attempt;
  }
}
