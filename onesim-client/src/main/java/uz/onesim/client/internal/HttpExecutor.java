package uz.onesim.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.core.ApiException;
import uz.onesim.core.RetryPolicy;
import uz.onesim.core.TransportException;

/**
 * Sends one request under the SDK's {@link RetryPolicy}: only idempotent requests (GET, HEAD) are
 * retried, on network failures and on HTTP 503 and 520, waiting as the policy says (backoff with
 * jitter, {@code Retry-After} honoured and capped). A POST, PATCH or DELETE is never retried here:
 * it may have reached the server. Thread-safe.
 */
public final class HttpExecutor {
  private static final Logger log = LoggerFactory.getLogger(HttpExecutor.class);

  /** What came back from a successful call. */
  public record Result(int status, String body, String contentRange, String requestId) {}

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final RetryPolicy retry;
  private final Clock clock;
  private final PostgrestListener listener;

  public HttpExecutor(OkHttpClient http, ObjectMapper json, RetryPolicy retry, Clock clock, PostgrestListener listener) {
    this.http = http;
    this.json = json;
    this.retry = retry;
    this.clock = clock;
    this.listener = listener;
  }

  /** The OkHttp client requests go through. */
  public OkHttpClient http() {
    return http;
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
        retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), clock);
        failure = ErrorMapper.map(json, response.code(), body, requestId, retryAfter);
        // what Supabase's gateway answers while PostgREST is down or restarting, and Cloudflare's 520
        boolean retryableStatus = response.code() == 502 || response.code() == 503 || response.code() == 504
            || response.code() == 520;
        if (!idempotent || !retryableStatus || !retry.allowsRetryAfter(attempt)) {
          throw failure;
        }
      } catch (IOException e) {
        listener.requestEnd(a, 0, Duration.ofNanos(System.nanoTime() - t0), null, e);
        failure = new TransportException(request.method() + " " + request.url().encodedPath() + " failed: " + e.getMessage(), e);
        if (!idempotent || !retry.allowsRetryAfter(attempt)) {
          throw failure;
        }
      }
      retry.pause(retry.delayBefore(attempt, retryAfter), failure);
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
