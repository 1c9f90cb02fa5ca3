package uz.onesim.esimaccess.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.onesim.core.RetryPolicy;
import uz.onesim.core.ApiException;
import uz.onesim.core.OneSimException;
import uz.onesim.core.RateLimitedException;
import uz.onesim.core.ServerException;
import uz.onesim.core.TransportException;
import uz.onesim.esimaccess.OrderOutcomeUnknownException;
import uz.onesim.esimaccess.OutcomeUnknownException;
import uz.onesim.esimaccess.ProviderError;
import uz.onesim.esimaccess.ProviderException;

/**
 * Sends eSIM Access calls: serialises the body once, signs those bytes (when a secret key is set),
 * sends those bytes with a fresh request id per attempt, paces under the rate limit, reads the
 * envelope, and applies the retry policy of {@link uz.onesim.esimaccess.EsimAccessClient}. Thread-safe.
 */
public final class EsimTransport {
  private static final Logger log = LoggerFactory.getLogger(EsimTransport.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpUrl baseUrl;
  private final String accessCode;
  private final String secretKey;
  private final OkHttpClient http;
  private final OkHttpClient catalogHttp;
  private final ObjectMapper json;
  private final Clock clock;
  private final uz.onesim.esimaccess.RequestBudget limiter;
  private volatile uz.onesim.esimaccess.ProviderCallListener callListener = uz.onesim.esimaccess.ProviderCallListener.NONE;
  private final RetryPolicy retry;
  private final Supplier<String> requestIds;

  public EsimTransport(HttpUrl baseUrl, String accessCode, String secretKey, OkHttpClient http, OkHttpClient catalogHttp,
      ObjectMapper json, Clock clock, uz.onesim.esimaccess.RequestBudget limiter, RetryPolicy retry,
      Supplier<String> requestIds) {
    this.baseUrl = baseUrl;
    this.accessCode = accessCode;
    this.secretKey = secretKey;
    this.http = http;
    this.catalogHttp = catalogHttp;
    this.json = json;
    this.clock = clock;
    this.limiter = limiter;
    this.retry = retry;
    this.requestIds = requestIds;
  }


  /**
   * Sends one endpoint call with the retry policy and returns {@code obj}. {@code transactionId}
   * marks an order: retried only because the provider documents a repeated id as the same request,
   * and reported as {@link OrderOutcomeUnknownException} when every attempt failed without a
   * definite answer, or when a replay was refused after an attempt that may have been processed.
   */
  public JsonNode call(String endpoint, Object payload, String transactionId, boolean catalog) {
    boolean[] mayHaveBeenProcessed = {false};
    return sendWithRetries(endpoint, payload, catalog, null,
        e -> {
          if (transactionId == null) {
            return e instanceof ProviderException p && (!p.isRetryable() || p.error() == ProviderError.NOT_YET_ALLOCATED) ? p : null;
          }
          if (((e instanceof TransportException || e instanceof ServerException) && !(e.getCause() instanceof java.net.ConnectException))
              || (e instanceof ProviderException sp && sp.error() == ProviderError.SERVER_ERROR)) {
            mayHaveBeenProcessed[0] = true;
          }
          if (e instanceof ProviderException p && !p.isRetryable()) {
            // a replay refused after an attempt that may have been processed proves nothing: the
            // provider may answer a repeated transactionId with an error instead of the first result
            return mayHaveBeenProcessed[0] ? new OrderOutcomeUnknownException(transactionId, p) : p;
          }
          return null;
        },
        e -> transactionId != null && (e instanceof TransportException || e instanceof ServerException)
            ? new OrderOutcomeUnknownException(transactionId, e) : e);
  }

  /**
   * For calls that change money or state and that the provider does not document as safe to
   * repeat (top-up, cancel, revoke, suspend, SMS): retried only where the request certainly was not
   * processed (429, system busy, an expired timestamp, a connection refused before sending);
   * anything that may have reached the provider ends in {@link OutcomeUnknownException} for the
   * caller to settle by query.
   */
  public JsonNode callAtMostOnce(String endpoint, Object payload) {
    return callAtMostOnce(endpoint, payload, null);
  }

  /**
   * {@link #callAtMostOnce(String, Object)} with {@code beforeEachSend} run right before every
   * request leaves (after any rate-limit wait); it may throw to stop before anything is sent.
   */
  public JsonNode callAtMostOnce(String endpoint, Object payload, Runnable beforeEachSend) {
    return sendWithRetries(endpoint, payload, false, beforeEachSend, e -> {
      if (e instanceof ProviderException p) {
        if (p.error() == ProviderError.SERVER_ERROR) {
          return new OutcomeUnknownException("eSIM Access " + endpoint + " answered a server error", p);
        }
        boolean notProcessed = p.error() == ProviderError.SYSTEM_BUSY || p.error() == ProviderError.TIMESTAMP_EXPIRED;
        return notProcessed ? null : p;
      }
      if ((e instanceof ServerException || e instanceof TransportException) && !(e.getCause() instanceof java.net.ConnectException)) {
        return new OutcomeUnknownException("eSIM Access " + endpoint + " may have been processed", e);
      }
      return null;   // rate limited, or refused before sending: nothing was processed
    }, e -> e);
  }

  /**
   * The one retry loop: sends, and after each failure asks {@code stopWith} whether to stop with
   * an exception (non-null) or retry under the {@link RetryPolicy}; when retries run out,
   * {@code whenExhausted} decides what to throw. {@code Retry-After} of a 429 is honoured.
   */
  private JsonNode sendWithRetries(String endpoint, Object payload, boolean catalog, Runnable beforeEachSend,
      Function<ApiException, ApiException> stopWith, UnaryOperator<ApiException> whenExhausted) {
    byte[] body = encode(endpoint, payload);   // serialised once: the signature covers these exact bytes
    HttpUrl url = urlOf(endpoint);
    for (int attempt = 1; ; attempt++) {
      ApiException failure;
      try {
        return send(endpoint, url, body, catalog, beforeEachSend);
      } catch (RateLimitedException | ProviderException | ServerException | TransportException e) {
        failure = e;
      }
      ApiException stop = stopWith.apply(failure);
      if (stop != null) {
        throw stop;
      }
      if (!retry.allowsRetryAfter(attempt)) {
        throw whenExhausted.apply(failure);
      }
      log.debug("eSIM Access {} attempt {} failed ({}); retrying", endpoint, attempt, failure.getClass().getSimpleName());
      Duration retryAfter = failure instanceof RateLimitedException r ? r.retryAfter() : null;
      retry.pause(retry.delayBefore(attempt, retryAfter), interrupted());
    }
  }

  private byte[] encode(String endpoint, Object payload) {
    try {
      return json.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise the " + endpoint + " request: " + e.getOriginalMessage(), e);
    }
  }

  /** Who is told about every attempt (metrics). */
  public void callListener(uz.onesim.esimaccess.ProviderCallListener listener) {
    this.callListener = java.util.Objects.requireNonNull(listener, "listener == null");
  }

  private HttpUrl urlOf(String endpoint) {
    return baseUrl.newBuilder().addPathSegments("api/v1/open/" + endpoint).build();
  }

  private JsonNode send(String endpoint, HttpUrl url, byte[] body, boolean catalog, Runnable beforeEachSend) {
    try {
      limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted before " + endpoint, new java.io.InterruptedIOException());
    }
    if (beforeEachSend != null) {
      beforeEachSend.run();
    }
    String requestId = requestIds.get();
    Request.Builder rb = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).header("RT-AccessCode", accessCode);
    if (secretKey != null) {
      String ts = Long.toString(clock.millis());
      rb.header("RT-Timestamp", ts).header("RT-RequestID", requestId)
          .header("RT-Signature", Signer.sign(secretKey, ts, requestId, accessCode, body));
    }
    long t0 = System.nanoTime();
    String outcome = "transport_error";
    try (Response response = (catalog ? catalogHttp : http).newCall(rb.build()).execute()) {
      outcome = "http_" + response.code();
      String text = response.body() == null ? "" : response.body().string();
      log.debug("eSIM Access {} -> HTTP {} in {} ms", endpoint, response.code(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      if (response.code() == 429) {
        throw new RateLimitedException("eSIM Access " + endpoint + " rate limited (HTTP 429)", 429, null, requestId, text,
            RetryPolicy.parseRetryAfter(response.header("Retry-After"), clock));
      }
      JsonNode root = envelope(text);
      if (root == null) {
        throw new ServerException("eSIM Access " + endpoint + " answered HTTP " + response.code() + " without its JSON envelope",
            response.code(), null, requestId, null, null, text);
      }
      if (root.path("success").asBoolean(false)) {
        outcome = "success";
        JsonNode obj = root.path("obj");
        return obj.isMissingNode() || obj.isNull() ? json.createObjectNode() : obj;
      }
      String code = root.path("errorCode").asText("");
      outcome = code.isEmpty() ? outcome : code;
      JsonNode msg = root.hasNonNull("errorMsg") ? root.get("errorMsg") : root.get("errorMessage");
      throw new ProviderException(endpoint, code, msg == null || msg.isNull() ? null : msg.asText(), response.code(), requestId);
    } catch (IOException e) {
      throw new TransportException("eSIM Access " + endpoint + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } finally {
      callListener.callEnded(endpoint, outcome, java.time.Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  private JsonNode envelope(String text) {
    try {
      JsonNode n = json.readTree(text);
      return n != null && n.isObject() && n.has("success") ? n : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Waits {@code d} with the policy's sleeper (polling, pacing). */
  public void pause(Duration d) {
    retry.pause(d, interrupted());
  }

  private static OneSimException interrupted() {
    return new OneSimException("interrupted while waiting for eSIM Access");
  }
}
