package uz.onesim.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Delivers the simulator's webhooks as JSON POSTs, optionally twice each and newest first. A delivery
 * the receiver does not answer with 2xx is tried again on a schedule measured on the simulator's
 * clock (the provider's own redelivery is undocumented: an empty schedule is the reading where it
 * never redelivers). Thread-safe.
 */
public final class SimWebhooks {
  /** The default schedule: after 1, 5 and 30 minutes, then never again. */
  public static final List<Duration> DEFAULT_REDELIVERY = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));

  private record Redelivery(Map<String, Object> payload, int failures, java.time.Instant due) {}

  private final ObjectMapper json;
  private final java.time.Clock clock;
  private final List<Redelivery> redeliveries = new ArrayList<>();
  private volatile List<Duration> schedule = DEFAULT_REDELIVERY;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile String url;
  private volatile boolean duplicate;
  private volatile boolean reorder;

  public SimWebhooks(ObjectMapper json, java.time.Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /** How long after each failed delivery it is tried again; empty: never redelivered. */
  public void redeliverySchedule(List<Duration> schedule) {
    this.schedule = List.copyOf(schedule);
  }

  /** Deliveries waiting to be tried again. */
  public synchronized int pendingRedeliveries() {
    return redeliveries.size();
  }

  public void url(String url) {
    this.url = url;
  }

  public String url() {
    return url;
  }

  public void duplicate(boolean on) {
    duplicate = on;
  }

  public void reorder(boolean on) {
    reorder = on;
  }

  /**
   * Delivers {@code batch} to the configured URL, and the redeliveries now due; returns how many
   * deliveries succeeded. One that fails is scheduled again (per payload, whatever its copies did).
   */
  public int deliver(List<Map<String, Object>> batch) {
    List<Map<String, Object>> ordered = new ArrayList<>(batch);
    if (reorder) {
      Collections.reverse(ordered);
    }
    String target = url;
    if (target == null) {
      return 0;
    }
    List<Redelivery> due = new ArrayList<>();
    synchronized (this) {
      java.time.Instant now = clock.instant();
      for (java.util.Iterator<Redelivery> it = redeliveries.iterator(); it.hasNext(); ) {
        Redelivery r = it.next();
        if (!r.due().isAfter(now)) {
          due.add(r);
          it.remove();
        }
      }
    }
    int n = 0;
    for (Redelivery r : due) {
      n += send(target, r.payload(), r.failures());
    }
    for (Map<String, Object> payload : ordered) {
      n += send(target, payload, 0);
    }
    return n;
  }

  private int send(String target, Map<String, Object> payload, int failuresBefore) {
    int n = 0;
    boolean failed = false;
    for (int copy = 0; copy < (duplicate ? 2 : 1); copy++) {
      if (post(target, payload)) {
        n++;
      } else {
        failed = true;
      }
    }
    List<Duration> plan = schedule;
    if (failed && failuresBefore < plan.size()) {
      synchronized (this) {
        redeliveries.add(new Redelivery(payload, failuresBefore + 1, clock.instant().plus(plan.get(failuresBefore))));
      }
    }
    return n;
  }

  /** One POST; true when the receiver answered 2xx. */
  public boolean post(String target, Map<String, Object> payload) {
    try {
      HttpRequest r = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload))).build();
      return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
