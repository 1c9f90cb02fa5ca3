package uz.onesim.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.client.postgrest.Sleeper;
import uz.onesim.core.ApiException;
import uz.onesim.core.TransportException;

/**
 * Sends one request with the retry policy: only idempotent requests (GET, HEAD) are retried, on
 * network failures and on HTTP 503 and 520, at most {@code maxRetries} times, with capped
 * exponential backoff and full jitter, honouring {@code Retry-After}. A POST, PATCH or DELETE is
 * never retried: it may have reached the server. Thread-safe.
 */
public final class HttpExecutor {
  private static final Logger log = LoggerFactory.getLogger(HttpExecutor.class);

  /** What came back from a successful call. */
  public record Result(int status, String body, String contentRange, String requestId) {}

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Sleeper sleeper;
  private final Clock clock;
  private final PostgrestListener listener;

  public HttpExecutor(OkHttpClient http, ObjectMapper json, int maxRetries, Duration baseDelay, Duration maxDelay,
      Sleeper sleeper, Clock clock, PostgrestListener listener) {
    this.http = http;
    this.json = json;
    this.maxRetries = maxRetries;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.sleeper = sleeper;
    this.clock = clock;
    this.listener = listener;
  }

  public Result execute(Request request) {
    boolean idempotent = request.method().equals("GET") || request.method().equals("HEAD");
    for (int attempt = 1; ; attempt++) {
      PostgrestListener.Attempt a = new PostgrestListener.Attempt(request.method(), request.url().toString(), attempt);
      listener.requestStart(a);
      long t0 = System.nanoTime();
      Call call = http.newCall(request);
      Duration retryAfter = null;
      ApiException failure;
      try (Response response = call.execute()) {
        ResponseBody rb = response.body();
        String body = rb == null ? "" : rb.string();
        String requestId = requestId(response);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        listener.requestEnd(a, response.code(), took, requestId, null);
        if (log.isDebugEnabled()) {
          log.debug("{} {} -> {} in {} ms (attempt {})", request.method(), request.url().encodedPath(), response.code(), took.toMillis(), attempt);
        }
        if (response.isSuccessful()) {
          return new Result(response.code(), body, response.header("Content-Range"), requestId);
        }
        retryAfter = retryAfter(response.header("Retry-After"));
        failure = ErrorMapper.map(json, response.code(), body, requestId, retryAfter);
        boolean retryableStatus = response.code() == 503 || response.code() == 520;
        if (!idempotent || !retryableStatus || attempt > maxRetries) {
          throw failure;
        }
      } catch (IOException e) {
        listener.requestEnd(a, 0, Duration.ofNanos(System.nanoTime() - t0), null, e);
        failure = new TransportException(request.method() + " " + request.url().encodedPath() + " failed: " + e.getMessage(), e);
        if (!idempotent || attempt > maxRetries) {
          throw failure;
        }
      }
      sleep(retryAfter != null ? retryAfter : backoff(attempt), failure);
    }
  }

  private Duration backoff(int attempt) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
  }

  private void sleep(Duration d, ApiException failure) {
    try {
      sleeper.sleep(d.compareTo(maxDelay) > 0 ? maxDelay : d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  private Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException unparsable) {
        return null;
      }
    }
  }

  private static String requestId(Response r) {
    for (String h : new String[] {"sb-request-id", "x-request-id", "cf-ray"}) {
      String v = r.header(h);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
