package uz.onesim.esimaccess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.money.MonetaryAmount;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.onesim.core.RetryPolicy;
import uz.onesim.core.Sleeper;
import uz.onesim.core.OneSimException;
import uz.onesim.core.ValidationException;
import uz.onesim.esimaccess.internal.RateLimiter;
import uz.onesim.esimaccess.internal.EsimTransport;

/**
 * The eSIM Access API for OneSIM's backend: one immutable, thread-safe instance from
 * {@link #builder()}. Every endpoint is a typed method; every call is a POST with a JSON body,
 * serialised once, signed (when a secret key is set) over those exact bytes, and sent as those
 * bytes, with a fresh request id per attempt.
 *
 * <p>Retries are bounded, jittered and safe: reads on transport errors, 5xx, rate limiting and the
 * provider's server/busy/timestamp codes; {@link #order} and {@link #topUp} the same way but always
 * with the same {@code transactionId}, which the provider de-duplicates, so a lost response never
 * buys twice. A client-side limiter keeps under 8 requests per second by default. The access code
 * and secret key never appear in {@link #toString()}, logs or exception messages.
 */
public final class EsimAccessClient {
  private static final Logger log = LoggerFactory.getLogger(EsimAccessClient.class);
  public static final String PRODUCTION_URL = "https://api.esimaccess.com";
  /** The most profiles one {@code esim/order} may hold (the provider's documented batch size). */
  public static final int MAX_PROFILES_PER_ORDER = 30;
  /** How far around a call's own time an order lookup by time range searches (clock skew, queueing). */
  static final Duration LOOKUP_MARGIN = Duration.ofMinutes(10);
  /** The time format {@code esim/query} takes for a range: ISO with offset, e.g. {@code 2026-11-23T10:20+00:00}. */
  private static final java.time.format.DateTimeFormatter RANGE_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(java.time.ZoneOffset.UTC);
  private static final int MAX_TRANSACTION_ID = 50;

  private final HttpUrl baseUrl;
  private final boolean signing;
  private final ObjectMapper json;
  private final Clock clock;
  private final EsimTransport transport;

  private final int maxRetries;
  private final Duration callTimeout;

  private EsimAccessClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.signing = b.secretKey != null;
    OkHttpClient base = b.okHttpClient != null ? b.okHttpClient : new OkHttpClient();
    OkHttpClient http = base.newBuilder().connectTimeout(b.connectTimeout).readTimeout(b.readTimeout).callTimeout(b.callTimeout)
        .retryOnConnectionFailure(false).build();
    OkHttpClient catalogHttp = http.newBuilder().readTimeout(b.catalogTimeout).callTimeout(b.catalogTimeout.plus(b.connectTimeout)).build();
    this.json = new ObjectMapper()
        .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)   // 14.50 stays 14.50
        .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.clock = b.clock;
    this.maxRetries = b.retry.maxRetries();
    this.callTimeout = b.callTimeout;
    this.transport = new EsimTransport(b.baseUrl, b.accessCode, b.secretKey, http, catalogHttp, json, b.clock,
        b.budget != null ? b.budget : new RateLimiter(b.requestsPerSecond, System::nanoTime, b.retry.sleeper()), b.retry, b.requestIds);
  }

  /** Starts a configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /** A stable transaction id (≤ 50 chars) derived from the caller's idempotency key: same key, same id. */
  public static String transactionIdFor(String idempotencyKey) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey == null");
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "os-" + HexFormat.of().formatHex(d).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void checkTransactionId(String transactionId) {
    if (transactionId == null || transactionId.isBlank()) {
      throw new IllegalArgumentException("transactionId is required (use transactionIdFor(idempotencyKey))");
    }
    if (transactionId.length() > MAX_TRANSACTION_ID) {
      throw new IllegalArgumentException("transactionId is longer than 50 characters: " + transactionId.length());
    }
  }

  // ------------------------------------------------------------------ endpoints

  /** {@code package/list}: the catalogue (can take > 30 s unfiltered; has its own timeout). */
  public List<EsimPackage> packages(PackageQuery query) {
    JsonNode obj = call("package/list", query == null ? PackageQuery.all() : query, null, true);
    return list(obj.path("packageList"), EsimPackage.class);
  }

  /**
   * {@code esim/order} with the given lines (at most {@link #MAX_PROFILES_PER_ORDER} profiles in all,
   * the documented batch size); {@code expectedTotal} (or null) must equal Σ price × count.
   *
   * <p>Exactly once: a lost answer is replayed with the same {@code transactionId} (the provider
   * documents a repeated id as the same request). If the outcome stays unknown — every attempt
   * failed, or a replay was refused with an error after an attempt that may have been processed —
   * the client looks the order up by its {@code transactionId} among the profiles created since the
   * call began ({@link #findOrder}); found is returned as placed, not found is an
   * {@link OrderOutcomeUnknownException} (replay later with the same id; never a new one).
   *
   * @throws ValidationException {@code lines}: none, or more than 30 profiles
   */
  public PlacedOrder order(String transactionId, List<OrderLine> lines, MonetaryAmount expectedTotal) {
    checkTransactionId(transactionId);
    if (lines == null || lines.isEmpty()) {
      throw new ValidationException("lines", "required", "an order needs at least one line");
    }
    int profiles = lines.stream().mapToInt(OrderLine::count).sum();
    if (profiles > MAX_PROFILES_PER_ORDER) {
      throw new ValidationException("lines", "batch_too_large",
          "one provider order holds at most " + MAX_PROFILES_PER_ORDER + " profiles, got " + profiles + "; split it");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("transactionId", transactionId);
    if (expectedTotal != null) {
      body.put("amount", ProviderMoney.toUnits(expectedTotal));
    }
    body.put("packageInfoList", lines);
    Instant began = clock.instant();
    try {
      return decode(call("esim/order", body, transactionId, false), PlacedOrder.class);
    } catch (OrderOutcomeUnknownException unknown) {
      Optional<PlacedOrder> found;
      try {
        found = findOrder(transactionId, began.minus(LOOKUP_MARGIN), clock.instant().plus(LOOKUP_MARGIN));
      } catch (uz.onesim.core.ApiException lookupFailed) {
        unknown.addSuppressed(lookupFailed);
        throw unknown;
      }
      log.info("eSIM Access order {} found by lookup after an unknown outcome", found.map(PlacedOrder::orderNo).orElse("not"));
      return found.orElseThrow(() -> unknown);
    }
  }

  /**
   * The provider order placed under {@code transactionId}, looked up among the profiles created
   * between {@code from} and {@code to} ({@code esim/query} by time range, paged; the provider has no
   * lookup by transaction id). Empty when none of those profiles carries it — also while the order's
   * profiles are still being allocated, so "empty" soon after ordering is not proof of absence.
   */
  public Optional<PlacedOrder> findOrder(String transactionId, Instant from, Instant to) {
    checkTransactionId(transactionId);
    String start = RANGE_TIME.format(from);
    String end = RANGE_TIME.format(to);
    for (int page = 1; page <= 10_000; page++) {
      ProfilePage p = query(new EsimQuery(null, null, null, start, end, page, 500));
      List<EsimProfile> list = p.esimList() == null ? List.of() : p.esimList();
      for (EsimProfile profile : list) {
        if (transactionId.equals(profile.transactionId())) {
          return Optional.of(new PlacedOrder(profile.orderNo(), transactionId));
        }
      }
      if (list.isEmpty() || p.pager() == null || (long) page * 500 >= p.pager().total()) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** {@code esim/query}: one page of profiles. {@link ProviderError#NOT_YET_ALLOCATED} until the order is ready. */
  public ProfilePage query(EsimQuery q) {
    Map<String, Object> body = new LinkedHashMap<>();
    putIfSet(body, "orderNo", q.orderNo());
    putIfSet(body, "iccid", q.iccid());
    putIfSet(body, "esimTranNo", q.esimTranNo());
    putIfSet(body, "startTime", q.startTime());
    putIfSet(body, "endTime", q.endTime());
    Map<String, Object> pager = new LinkedHashMap<>();
    pager.put("pageNum", q.pageNum());
    pager.put("pageSize", q.pageSize());
    body.put("pager", pager);
    return decode(call("esim/query", body, null, false), ProfilePage.class);
  }

  /**
   * Refunds an allocated, never-installed profile ({@link ProviderError#INVALID_STATE} otherwise).
   * A call whose answer is lost is settled by asking for the profile: cancelled means done, never a
   * second attempt that would fail on a profile already cancelled.
   */
  public void cancel(EsimRef ref) {
    changeState("esim/cancel", ref, Set.of("CANCEL"));
  }

  /** Pauses data service; settled by query like {@link #cancel}. */
  public void suspend(EsimRef ref) {
    changeState("esim/suspend", ref, Set.of("SUSPENDED"));
  }

  /** Resumes data service; settled by query like {@link #cancel}. */
  public void unsuspend(EsimRef ref) {
    changeState("esim/unsuspend", ref, Set.of("IN_USE", "GOT_RESOURCE", "USED_UP"));
  }

  /** Closes the profile and its plan; no refund. Settled by query like {@link #cancel}. */
  public void revoke(EsimRef ref) {
    changeState("esim/revoke", ref, Set.of("REVOKE", "REVOKED"));
  }

  private void changeState(String endpoint, EsimRef ref, Set<String> done) {
    for (int attempt = 1; ; attempt++) {
      try {
        transport.callAtMostOnce(endpoint, ref);
        return;
      } catch (OutcomeUnknownException unknown) {
        EsimProfile now = profileOf(ref, unknown);
        if (done.contains(now.esimStatus())) {
          return;   // it happened; the answer was lost
        }
        if (attempt > maxRetries) {
          throw unknown;
        }
      }
    }
  }

  /**
   * {@code esim/topup}, exactly once. The provider documents de-duplication by
   * {@code transactionId} only for orders, so a top-up whose answer is lost is never replayed
   * blindly: the client asks for the profile and looks for a package line with this
   * {@code transactionId}; found means done (its result is rebuilt from the profile), absent means
   * it was not applied and is sent again. If the provider's lines carry no transaction ids at all,
   * nothing can be proven and {@link OrderOutcomeUnknownException} is thrown instead of risking a
   * second charge.
   */
  public TopUpResult topUp(TopUpRequest r) {
    return topUp(r, null);
  }

  /**
   * {@link #topUp(TopUpRequest)} with a fence: {@code beforeEachSend} runs right before every
   * {@code esim/topup} request leaves (after any rate-limit wait, on every retry) and may throw to
   * stop before it is sent — OneSIM's top-up worker checks there that it still holds the top-up and
   * extends its lease by {@link #callBound()}. What it throws reaches the caller unchanged.
   */
  public TopUpResult topUp(TopUpRequest r, Runnable beforeEachSend) {
    return topUp(r, beforeEachSend, volumeOf(r.target()));
  }

  /**
   * The eSIM's total data volume now (bytes), read before a top-up is sent so a lost answer can be
   * settled by what changed even where the provider's package lines appear late or carry no id;
   * null when it cannot be read (then only the lines settle it).
   */
  public Long volumeOf(EsimRef target) {
    try {
      ProfilePage page = query(target.esimTranNo() != null ? EsimQuery.profile(target.esimTranNo()) : EsimQuery.iccid(target.iccid()));
      return page.esimList() == null || page.esimList().isEmpty() ? null : page.esimList().get(0).totalVolume();
    } catch (uz.onesim.core.ApiException unreadable) {
      return null;
    }
  }

  /**
   * {@link #topUp(TopUpRequest, Runnable)} with the eSIM's total volume before the first attempt
   * ({@code volumeBefore}, from {@link #volumeOf}; null: unknown). A lost answer is settled by what
   * the provider shows afterwards: a package line carrying our transaction id, or a total volume
   * above {@code volumeBefore} — applied either way; a top-up line without an id and no growth —
   * the outcome cannot be told ({@link OrderOutcomeUnknownException}); neither — certainly not
   * applied, sent again. Never a blind resend.
   */
  public TopUpResult topUp(TopUpRequest r, Runnable beforeEachSend, Long volumeBefore) {
    Map<String, Object> body = new LinkedHashMap<>();
    putIfSet(body, "esimTranNo", r.target().esimTranNo());
    putIfSet(body, "iccid", r.target().iccid());
    body.put("packageCode", r.packageCode());
    body.put("transactionId", r.transactionId());
    if (r.amount() != null) {
      body.put("amount", Long.toString(ProviderMoney.toUnits(r.amount())));
    }
    if (r.periodNum() != null) {
      body.put("periodNum", r.periodNum().toString());   // documented as String
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return decode(transport.callAtMostOnce("esim/topup", body, beforeEachSend), TopUpResult.class);
      } catch (OutcomeUnknownException unknown) {
        EsimProfile profile = profileOf(r.target(), unknown);
        List<EsimProfile.ProfilePackage> lines = profile.packageList() == null ? List.of() : profile.packageList();
        for (EsimProfile.ProfilePackage line : lines) {
          if (r.transactionId().equals(line.transactionId())) {
            return new TopUpResult(r.transactionId(), profile.iccid(), profile.expiredTime(), profile.totalVolume(),
                profile.totalDuration(), profile.orderUsage(), line.esimTranNo());
          }
        }
        if (volumeBefore != null && profile.totalVolume() != null && profile.totalVolume() > volumeBefore) {
          // the eSIM grew since before the first attempt: applied, though its line is not (yet) there
          return new TopUpResult(r.transactionId(), profile.iccid(), profile.expiredTime(), profile.totalVolume(),
              profile.totalDuration(), profile.orderUsage(), null);
        }
        // the top-up lines only (the base plan's line carries the order's id); one without a
        // transaction id could be ours: then nothing is sent again, the outcome stays unknown
        if (lines.stream().filter(l -> !isBaseLine(profile, l)).anyMatch(l -> l.transactionId() == null)) {
          throw new OrderOutcomeUnknownException(r.transactionId(), unknown.lastFailure());
        }
        if (attempt > maxRetries) {
          throw unknown.lastFailure();   // certainly not applied: safe to try again later
        }
      }
    }
  }

  /**
   * The longest one request can take (the call timeout: connecting, sending and reading the answer
   * together); after it the request has been given up. Leases that fence a request add a margin.
   */
  public Duration callBound() {
    return callTimeout;
  }

  /** Whether {@code line} is the profile's base plan rather than a top-up. */
  static boolean isBaseLine(EsimProfile profile, EsimProfile.ProfilePackage line) {
    return line.esimTranNo() != null && line.esimTranNo().equals(profile.esimTranNo());
  }

  /**
   * Tells {@code listener} about every HTTP attempt from now on: endpoint, outcome, duration (for
   * metrics: {@code uz.onesim.backend.BackendMetrics}). One listener per client; the last one set wins.
   */
  public void setCallListener(ProviderCallListener listener) {
    transport.callListener(listener);
  }

  /** The profile {@code ref} names, asked for while settling an unknown outcome. */
  private EsimProfile profileOf(EsimRef ref, OutcomeUnknownException unknown) {
    try {
      ProfilePage page = query(ref.esimTranNo() != null ? EsimQuery.profile(ref.esimTranNo()) : EsimQuery.iccid(ref.iccid()));
      if (page.esimList() == null || page.esimList().isEmpty()) {
        throw unknown;
      }
      return page.esimList().get(0);
    } catch (uz.onesim.core.ApiException queryFailed) {
      if (queryFailed == unknown) {
        throw unknown;
      }
      unknown.addSuppressed(queryFailed);
      throw unknown;
    }
  }

  /** The prepaid balance. */
  public MonetaryAmount balance() {
    return ProviderMoney.toUsd(call("balance/query", Map.of(), null, false).path("balance").asLong());
  }

  /** Usage of up to 10 profiles. */
  public List<UsageRecord> usage(List<String> esimTranNos) {
    if (esimTranNos == null || esimTranNos.isEmpty() || esimTranNos.size() > 10) {
      throw new IllegalArgumentException("usage takes 1 to 10 esimTranNo values");
    }
    JsonNode obj = call("esim/usage/query", Map.of("esimTranNoList", esimTranNos), null, false);
    return list(obj.isArray() ? obj : obj.path("esimUsageList"), UsageRecord.class);
  }

  /** {@code location/list}: the countries and regions the provider sells. */
  public List<Location> locations() {
    return list(call("location/list", Map.of(), null, false).path("locationList"), Location.class);
  }

  /** Sets the webhook URL; the provider test-delivers {@code CHECK_HEALTH} first and refuses a URL that fails. */
  public void saveWebhook(String url) {
    call("webhook/save", Map.of("webhook", Objects.requireNonNull(url, "url == null")), null, false);
  }

  /** The current webhook URL, or null. */
  public String webhook() {
    JsonNode obj = call("webhook/query", Map.of(), null, false);
    JsonNode w = obj.isTextual() ? obj : obj.path("webhook");
    return w.isMissingNode() || w.isNull() ? null : w.asText();
  }

  /**
   * An SMS (≤ 500 characters) to an installed eSIM. Sent at most once: a lost answer is an
   * {@link OutcomeUnknownException} (the traveller may or may not have it), never a second SMS.
   */
  public void sendSms(EsimRef ref, String message) {
    if (message == null || message.isEmpty() || message.length() > 500) {
      throw new IllegalArgumentException("message must be 1..500 characters");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    putIfSet(body, "esimTranNo", ref.esimTranNo());
    putIfSet(body, "iccid", ref.iccid());
    body.put("message", message);
    transport.callAtMostOnce("esim/sendSms", body);   // never replayed after it may have been sent: no duplicate SMS
  }

  /**
   * Waits until the profiles of {@code orderNo} are allocated and returns all of them (paging
   * through orders of hundreds), polling {@code esim/query} with backoff while the provider answers
   * {@link ProviderError#NOT_YET_ALLOCATED}. Gives up at {@code timeout} with that error.
   */
  public List<EsimProfile> awaitProfiles(String orderNo, Duration timeout) {
    long deadline = clock.millis() + timeout.toMillis();
    Duration pause = Duration.ofMillis(500);
    while (true) {
      try {
        List<EsimProfile> all = new ArrayList<>();
        for (int page = 1; ; page++) {
          ProfilePage p = query(EsimQuery.order(orderNo, page, 500));
          all.addAll(p.esimList());
          if (p.esimList().isEmpty() || p.pager() == null || all.size() >= p.pager().total()) {
            return all;
          }
        }
      } catch (ProviderException e) {
        boolean notReady = e.error() == ProviderError.NOT_YET_ALLOCATED || e.error() == ProviderError.ORDER_NOT_FOUND;
        if (!notReady || clock.millis() + pause.toMillis() > deadline) {
          throw e;
        }
      }
      pause(pause);
      pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : pause.multipliedBy(2);
    }
  }

  private JsonNode call(String endpoint, Object payload, String transactionId, boolean catalog) {
    return transport.call(endpoint, payload, transactionId, catalog);
  }

  private void pause(Duration d) {
    transport.pause(d);
  }

  private <T> T decode(JsonNode obj, Class<T> type) {
    try {
      return json.treeToValue(obj, type);
    } catch (JsonProcessingException e) {
      throw new OneSimException("cannot read eSIM Access response as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private <T> List<T> list(JsonNode arr, Class<T> type) {
    if (arr == null || arr.isMissingNode() || arr.isNull()) {
      return List.of();
    }
    JavaType t = json.getTypeFactory().constructCollectionType(List.class, type);
    try {
      return json.readerFor(t).readValue(arr);
    } catch (IOException e) {
      throw new OneSimException("cannot read eSIM Access list of " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static void putIfSet(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  /** The JSON mapper the client uses (camelCase, as the provider). */
  ObjectMapper objectMapper() {
    return json;
  }

  @Override
  public String toString() {
    return "EsimAccessClient{baseUrl=" + baseUrl + ", accessCode=<redacted>, signing=" + signing + "}";
  }

  /** Configures an {@link EsimAccessClient}. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(PRODUCTION_URL);
    private String accessCode;
    private String secretKey;
    private OkHttpClient okHttpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(45);
    private Duration catalogTimeout = Duration.ofMinutes(2);
    private Clock clock = Clock.systemUTC();
    private double requestsPerSecond = 8;
    private RequestBudget budget;
    private RetryPolicy retry = RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(300), Duration.ofSeconds(8));
    private Supplier<String> requestIds = () -> UUID.randomUUID().toString().replace("-", "");

    private Builder() {}

    /** Default {@value #PRODUCTION_URL}. */
    public Builder baseUrl(String url) {
      HttpUrl u = HttpUrl.parse(Objects.requireNonNull(url, "baseUrl == null"));
      if (u == null) {
        throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + url);
      }
      this.baseUrl = u;
      return this;
    }

    /** The account's access code (sent as {@code RT-AccessCode}). Required. */
    public Builder accessCode(String accessCode) {
      this.accessCode = Objects.requireNonNull(accessCode, "accessCode == null");
      return this;
    }

    /** The secret key; when set, every request is HMAC-signed. */
    public Builder secretKey(String secretKey) {
      this.secretKey = secretKey;
      return this;
    }

    /** Shares an OkHttp client (its pool and dispatcher). */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Objects.requireNonNull(client, "okHttpClient == null");
      return this;
    }

    /** Connect 10 s, read 30 s, whole call 45 s by default. */
    public Builder timeouts(Duration connect, Duration read, Duration call) {
      this.connectTimeout = Objects.requireNonNull(connect, "connect == null");
      this.readTimeout = Objects.requireNonNull(read, "read == null");
      this.callTimeout = Objects.requireNonNull(call, "call == null");
      return this;
    }

    /** The full package list can take more than 30 s: default 2 min. */
    public Builder catalogTimeout(Duration d) {
      this.catalogTimeout = Objects.requireNonNull(d, "catalogTimeout == null");
      return this;
    }

    /** Signature timestamps and polling deadlines. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** How retries wait (tests pass one that advances a clock). */
    public Builder sleeper(Sleeper sleeper) {
      this.retry = retry.withSleeper(Objects.requireNonNull(sleeper, "sleeper == null"));
      return this;
    }

    /** The account's shared request budget (e.g. the backend's database-kept one) instead of this client's own pacing. */
    public Builder requestBudget(RequestBudget budget) {
      this.budget = Objects.requireNonNull(budget, "budget == null");
      return this;
    }

    /** Paces this client alone at {@code rps}, default 8 (the documented limit); ignored when a {@link #requestBudget} is given. */
    public Builder requestsPerSecond(double rps) {
      this.requestsPerSecond = rps;
      return this;
    }

    /** Default 3. */
    public Builder maxRetries(int n) {
      this.retry = retry.withMaxRetries(n);
      return this;
    }

    /** Exponential backoff between retries, from {@code base} up to {@code max}. */
    public Builder backoff(Duration base, Duration max) {
      this.retry = retry.withBackoff(Objects.requireNonNull(base, "base == null"), Objects.requireNonNull(max, "max == null"));
      return this;
    }

    /** Where request ids come from (default: random UUIDs); for tests. */
    public Builder requestIds(Supplier<String> ids) {
      this.requestIds = Objects.requireNonNull(ids, "requestIds == null");
      return this;
    }

    /** The configured client. */
    public EsimAccessClient build() {
      java.util.List<String> missing = new java.util.ArrayList<>();
      if (accessCode == null || accessCode.isBlank()) {
        missing.add("accessCode");
      }
      if (!missing.isEmpty()) {
        throw uz.onesim.core.ConfigurationException.missing("EsimAccessClient", missing);
      }
      return new EsimAccessClient(this);
    }

    @Override
    public String toString() {
      return "EsimAccessClient.Builder{baseUrl=" + baseUrl + ", accessCode=<redacted>, secretKey=<redacted>}";
    }
  }
}
