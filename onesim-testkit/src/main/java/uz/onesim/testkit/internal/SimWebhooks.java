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

/** Delivers the simulator's webhooks as JSON POSTs, optionally twice each and newest first. Thread-safe. */
public final class SimWebhooks {
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile String url;
  private volatile boolean duplicate;
  private volatile boolean reorder;

  public SimWebhooks(ObjectMapper json) {
    this.json = json;
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

  /** Delivers {@code batch} to the configured URL; returns how many deliveries succeeded. */
  public int deliver(List<Map<String, Object>> batch) {
    List<Map<String, Object>> ordered = new ArrayList<>(batch);
    if (reorder) {
      Collections.reverse(ordered);
    }
    String target = url;
    if (target == null) {
      return 0;
    }
    int n = 0;
    for (Map<String, Object> payload : ordered) {
      for (int copy = 0; copy < (duplicate ? 2 : 1); copy++) {
        if (post(target, payload)) {
          n++;
        }
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
