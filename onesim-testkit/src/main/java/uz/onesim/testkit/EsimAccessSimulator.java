package uz.onesim.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import uz.onesim.testkit.internal.SimAuth;
import uz.onesim.testkit.internal.SimFaults;
import uz.onesim.testkit.internal.SimRoutes;
import uz.onesim.testkit.internal.SimStore;
import uz.onesim.testkit.internal.SimWebhooks;

/**
 * A stateful stand-in for the eSIM Access API (the provider has no sandbox; real orders cost
 * money). It speaks the wire protocol summarised in {@code docs/esimaccess.md}: POST JSON to
 * {@code /api/v1/open/<endpoint>}, the {@code RT-*} headers and HMAC signature, the
 * {@code {success, errorCode, errorMsg, obj}} envelope and the provider's error codes.
 *
 * <p>It keeps an account balance, a catalogue, orders de-duplicated by {@code transactionId} (same
 * payload → the original order, no second charge), asynchronous allocation after a delay on a
 * {@link SimClock}, the profile state machine (device hooks {@link #download}, {@link #install},
 * {@link #enable}, {@link #use}), webhooks (optionally duplicated and reordered), and fault
 * injection per endpoint. Every request is recorded. Thread-safe.
 *
 * <pre>{@code
 * try (EsimAccessSimulator sim = EsimAccessSimulator.builder().balanceUsd("500").build()) {
 *   EsimAccessClient client = EsimAccessClient.builder().baseUrl(sim.baseUrl())
 *       .accessCode(sim.accessCode()).secretKey(sim.secretKey()).build();
 * }
 * }</pre>
 */
public final class EsimAccessSimulator implements AutoCloseable {
  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** What can go wrong on purpose. */
  public enum Fault {
    /** HTTP 500 with an HTML body; nothing processed. */
    HTTP_500,
    /** {@code errorCode 000001}; nothing processed. */
    SERVER_ERROR,
    /** {@code errorCode 900001} (system busy); nothing processed. */
    SYSTEM_BUSY,
    /** The connection is closed before any processing. */
    CONNECTION_RESET,
    /** No answer for {@link Builder#timeoutDelay}; nothing processed. */
    TIMEOUT,
    /** Processed and committed, then the connection is closed: the caller never hears. */
    LOST_RESPONSE
  }

  /** One request as received. */
  public record Call(String endpoint, String requestId, String body, boolean processed) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private final ExecutorService executor;
  private final SimStore store;
  private final SimClock clock;
  private final String accessCode;
  private final String secretKey;
  private final boolean verifySignatures;
  private final Duration timestampWindow;
  private final Duration timeoutDelay;
  private final boolean rateLimitAs429;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final SimFaults faults;
  private final SimWebhooks webhooks;
  private final SimRoutes routes;
  private final SimAuth auth;

  private EsimAccessSimulator(Builder b) {
    this.clock = b.clock;
    this.webhooks = new SimWebhooks(json, clock);
    this.store = new SimStore(clock, b.balanceUnits, b.catalog, b.allocationDelay);
    this.accessCode = b.accessCode;
    this.secretKey = b.secretKey;
    this.verifySignatures = b.verifySignatures;
    this.timestampWindow = b.timestampWindow;
    this.timeoutDelay = b.timeoutDelay;
    this.rateLimitAs429 = b.rateLimitAs429;
    this.faults = new SimFaults(b.seed, b.rateLimit);
    this.routes = new SimRoutes(store, webhooks, clock, json);
    this.auth = new SimAuth(accessCode, secretKey, verifySignatures, timestampWindow, clock);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the simulator", e);
    }
    executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "esimaccess-simulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/api/v1/open/", this::handle);
    server.start();
  }

  /** Starts a configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /** Base URL for {@code EsimAccessClient.Builder#baseUrl}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The access code clients must send. */
  public String accessCode() {
    return accessCode;
  }

  /** The secret key, or null when the simulated account uses the access code only. */
  public String secretKey() {
    return secretKey;
  }

  /** The simulator's clock (allocation, expiry, signatures). */
  public SimClock clock() {
    return clock;
  }

  /** The balance in provider units (1/10 000 USD). */
  public long balanceUnits() {
    return store.balance();
  }

  /** Sets the account balance (1/10 000 USD). */
  public void setBalanceUnits(long units) {
    store.setBalance(units);
  }

  /** How many times the balance was debited (orders and top-ups). */
  public int charges() {
    return store.charges();
  }

  /** Distinct provider orders. */
  public int orderCount() {
    return store.orderCount();
  }

  /** How many profiles were sold. */
  public int profileCount() {
    return store.profileCount();
  }

  /** The profiles of provider order {@code orderNo}, as they are now (empty before allocation). */
  public List<SimProfile> profiles(String orderNo) {
    return store.profilesOf(orderNo);
  }

  /** One profile as it is now, or {@code null} when the simulator has none with that number. */
  public SimProfile profile(String esimTranNo) {
    return store.profile(esimTranNo);
  }

  /** Every request received, in order. */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Requests received for {@code endpoint} (e.g. {@code "esim/order"}). */
  public long count(String endpoint) {
    return calls().stream().filter(c -> c.endpoint().equals(endpoint)).count();
  }

  // ------------------------------------------------------------------ controls

  /** The next {@code times} calls of {@code endpoint} fail with {@code fault}. */
  public void failNext(String endpoint, Fault fault, int times) {
    faults.failNext(endpoint, fault, times);
  }

  /** Each call of {@code endpoint} fails with probability {@code p}, with one of {@code kinds} (seeded). */
  public void failRandomly(String endpoint, double p, Fault... kinds) {
    faults.failRandomly(endpoint, p, kinds);
  }

  /** The next {@code times} calls of {@code endpoint} answer {@code errorCode} (e.g. 200007) without processing. */
  public void failNextWithCode(String endpoint, String errorCode, int times) {
    faults.failNextWithCode(endpoint, errorCode, times);
  }

  /**
   * Answers a repeated order {@code transactionId} (same request) with {@code errorCode} instead of
   * the first order's number — the undocumented alternative to "the same request"; null (the
   * default) returns the first order.
   */
  public void answerReplayedOrdersWithError(String errorCode) {
    store.replayedOrderError(errorCode);
  }

  /**
   * Changes the provider's rate limit from now on: more than {@code perSecond} requests in any
   * second are refused (as the builder chose: HTTP 429 or 900001); 0 or less lifts it. Benchmarks
   * set up fast, then measure at the real limit.
   */
  public void setRateLimit(int perSecond) {
    faults.setRateLimit(perSecond);
  }

  /**
   * A day pass ordered without {@code periodNum}: {@code false} (default) takes it as one day;
   * {@code true} refuses it ({@code 000105}) — what the provider does there is undocumented.
   */
  public void dayPassRequiresPeriodNum(boolean on) {
    store.dayPassRequiresPeriodNum(on);
  }

  /**
   * Day-pass pricing: {@code false} (default) charges price × count as the docs state; {@code true}
   * charges price × count × {@code periodNum}, the other reading of an undocumented point.
   */
  public void dayPassPricedPerDay(boolean on) {
    store.dayPassPricedPerDay(on);
  }


  /**
   * Whether the top-up lines of {@code esim/query} carry the top-up's {@code transactionId} (the
   * documented reading, default) or not (the other reading: then whether a lost top-up was applied
   * cannot be told from the lines, and a careful client must not send it again).
   */
  public void topUpLinesCarryTransactionId(boolean on) {
    store.topUpLinesCarryTransactionId(on);
  }

  /**
   * Switches the undocumented top-up behaviour: {@code true} (default) returns the first result for
   * a repeated {@code transactionId}; {@code false} charges again, as the documentation allows.
   * The SDK must charge exactly once under both.
   */
  public void deduplicateTopUps(boolean on) {
    store.deduplicateTopUps(on);
  }

  /**
   * Every undocumented point read against the SDK at once — the strict profile: a replayed order
   * {@code transactionId} answered with {@code 200008}, top-ups not de-duplicated and their lines
   * without our {@code transactionId}, {@code esim/topup} as seen live ({@link #topUpsAsSeenLive}),
   * the plain {@code package/list} without top-ups, refused webhooks never redelivered, a day pass
   * refused without {@code periodNum} and priced per day, SMS only to installed eSIMs. Tests run
   * under it and under the default (friendly) readings; the SDK's guarantees hold under both.
   */
  public EsimAccessSimulator strictReadings() {
    answerReplayedOrdersWithError("200008");
    deduplicateTopUps(false);
    topUpLinesCarryTransactionId(false);
    topUpsAsSeenLive(true);
    baseListOmitsTopUps(true);
    neverRedeliverWebhooks();
    dayPassRequiresPeriodNum(true);
    dayPassPricedPerDay(true);
    smsOnlyToInstalledEsims(true);
    return this;
  }

  /** {@code esim/sendSms} only to an eSIM installed on a device (the doc's rule; {@code 200002} otherwise). Default: any. */
  public void smsOnlyToInstalledEsims(boolean on) {
    store.smsOnlyToInstalled(on);
  }

  /**
   * A top-up's package line appears in {@code esim/query} only {@code d} (simulator time) after it
   * was applied, while the eSIM's totals change at once — the reading where lines appear late. A
   * client that settles a lost top-up by its line alone would send it again.
   */
  public void topUpLinesAppearAfter(Duration d) {
    store.topUpLinesAppearAfter(d);
  }

  /**
   * {@code esim/query} by a time range answers no profile: the reading where the range filters on
   * another timestamp (or rejects ours), so looking an order up by its transaction id finds nothing.
   */
  public void timeRangeLookupFindsNothing(boolean on) {
    store.timeRangeFindsNothing(on);
  }

  /** The provider's order number for {@code transactionId}, or null: what OneSIM's operators see in its console. */
  public String orderNoOf(String transactionId) {
    return store.orderNoOf(transactionId);
  }

  /** Removes every scripted and random fault. */
  public void clearFaults() {
    faults.clear();
  }

  /** Limits stock of a package; orders beyond it get {@code 200011}. */
  public void setInventory(String packageCode, int count) {
    store.setInventory(packageCode, count);
  }

  /** Changes a package's wholesale price, in provider units (1/10 000 USD). */
  public void setPrice(String packageCode, long units) {
    store.setPrice(packageCode, units);
  }

  /** The provider drops a package from its catalogue. */
  public void removePackage(String packageCode) {
    store.removePackage(packageCode);
  }

  /** Adds a package to the catalogue. */
  public void addPackage(SimPackage p) {
    store.addPackage(p);
  }

  /** How long new orders take to allocate from now on. */
  public void setAllocationDelay(Duration d) {
    store.setAllocationDelay(d);
  }

  /** Keeps answering {@code 200010} this much longer than the allocation delay. */
  public void extendNotReady(Duration d) {
    store.extendNotReady(d);
  }

  /**
   * {@code esim/topup} as a live integration reported it (December 2025), against the doc: {@code
   * 000001} when the eSIM is named by {@code esimTranNo} (only {@code iccid} works) and for a
   * {@code transactionId} over 32 characters; {@code 000104} for both identifiers at once or an
   * {@code amount}. Nothing is processed or charged. Default: the doc's reading.
   */
  public void topUpsAsSeenLive(boolean on) {
    store.topUpsAsSeenLive(on);
  }

  /**
   * {@code package/list} without a {@code type} answers the BASE list only — the documented reading
   * ({@code type} defaults to BASE) — so top-ups are found only through their plans
   * ({@code type TOPUP} with a {@code packageCode} or {@code iccid}). Default: everything (the reading
   * of clients that send {@code ""}).
   */
  public void baseListOmitsTopUps(boolean on) {
    store.baseListOmitsTopUps(on);
  }

  /** Deliver every webhook twice. */
  public void duplicateWebhooks(boolean on) {
    webhooks.duplicate(on);
  }

  /** Deliver each batch of webhooks newest first. */
  public void reorderWebhooks(boolean on) {
    webhooks.reorder(on);
  }

  /** Where webhooks go (also set by {@code webhook/save}). */
  public void webhookUrl(String url) {
    webhooks.url(url);
  }

  /**
   * How long after each failed webhook delivery (no 2xx answer) it is sent again, on the simulator's
   * clock, by the next {@link #deliverWebhooks()}. Default: after 1, 5 and 30 minutes. The provider
   * documents no redelivery at all: {@link #neverRedeliverWebhooks()} is that reading.
   */
  public void webhookRedelivery(List<Duration> schedule) {
    webhooks.redeliverySchedule(schedule);
  }

  /** A failed webhook delivery is lost (the reading where the provider never redelivers). */
  public void neverRedeliverWebhooks() {
    webhooks.redeliverySchedule(List.of());
  }

  /** Failed webhook deliveries waiting to be sent again. */
  public int pendingWebhookRedeliveries() {
    return webhooks.pendingRedeliveries();
  }

  /** Sends pending webhooks, and the redeliveries now due, to the configured URL; returns how many deliveries were made. */
  public int deliverWebhooks() {
    return webhooks.deliver(store.drainOutbox());
  }

  // ------------------------------------------------------------------ device hooks
  /** The traveller's device downloads the profile (SM-DP+ DOWNLOAD). */
  public void download(String esimTranNo) {
    store.download(esimTranNo);
  }

  /** The device installs it (SM-DP+ INSTALLATION). */
  public void install(String esimTranNo) {
    store.install(esimTranNo);
  }

  /** The device enables it (SM-DP+ ENABLED). */
  public void enable(String esimTranNo) {
    store.enable(esimTranNo);
  }

  /** The traveller uses {@code bytes} of data (IN_USE on first use; USED_UP at the end). */
  public void use(String esimTranNo, long bytes) {
    store.use(esimTranNo, bytes);
  }

  // ------------------------------------------------------------------ HTTP
  private void handle(HttpExchange ex) throws IOException {
    String endpoint = ex.getRequestURI().getPath().substring("/api/v1/open/".length());
    byte[] body = ex.getRequestBody().readAllBytes();
    String bodyText = new String(body, StandardCharsets.UTF_8);
    String requestId = ex.getRequestHeaders().getFirst("RT-RequestID");
    try {
      if (!ex.getRequestMethod().equals("POST")) {
        reply(ex, 200, error("000103", "use POST"));
        record(endpoint, requestId, bodyText, false);
        return;
      }
      if (faults.overRateLimit()) {
        record(endpoint, requestId, bodyText, false);
        if (rateLimitAs429) {
          reply(ex, 429, "{\"message\":\"Too Many Requests\"}");
        } else {
          reply(ex, 200, error("900001", "system busy"));
        }
        return;
      }
      String code = faults.nextCode(endpoint);
      if (code != null) {
        record(endpoint, requestId, bodyText, false);
        reply(ex, 200, error(code, "injected"));
        return;
      }
      Fault fault = faults.nextFault(endpoint);
      if (fault != null && fault != Fault.LOST_RESPONSE) {
        record(endpoint, requestId, bodyText, false);
        switch (fault) {
          case HTTP_500 -> reply(ex, 500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
          case SERVER_ERROR -> reply(ex, 200, error("000001", "server error"));
          case SYSTEM_BUSY -> reply(ex, 200, error("900001", "system busy"));
          case TIMEOUT -> {
            sleep(timeoutDelay);
            ex.close();
          }
          default -> ex.close();
        }
        return;
      }
      String authError = auth.check(ex.getRequestHeaders(), body);
      if (authError != null) {
        record(endpoint, requestId, bodyText, false);
        reply(ex, 200, error(authError, "authentication failed"));
        return;
      }
      String response;
      try {
        Map<String, Object> req = body.length == 0 ? Map.of() : json.readValue(body, new TypeReference<Map<String, Object>>() {});
        Object obj = routes.dispatch(endpoint, req);
        response = "{\"success\":true,\"errorCode\":\"0\",\"errorMsg\":null,\"obj\":" + json.writeValueAsString(obj) + "}";
      } catch (SimStore.SimError e) {
        response = error(e.code, e.getMessage());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        response = error("000104", "request body is not valid JSON");
      }
      record(endpoint, requestId, bodyText, true);
      if (fault == Fault.LOST_RESPONSE) {
        ex.close();
        return;
      }
      reply(ex, 200, response);
    } catch (RuntimeException e) {
      reply(ex, 500, "<html>" + e.getClass().getSimpleName() + "</html>");
    }
  }

  private void record(String endpoint, String requestId, String body, boolean processed) {
    calls.add(new Call(endpoint, requestId, body, processed));
  }

  private static String error(String code, String message) {
    return "{\"success\":false,\"errorCode\":\"" + code + "\",\"errorMsg\":\"" + message.replace("\"", "'") + "\",\"obj\":null}";
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {   // idempotent: a test may stop the provider before its extension does
      server.stop(0);
      executor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "EsimAccessSimulator[" + baseUrl() + ", credentials redacted]";
  }

  /** Configures an {@link EsimAccessSimulator}. */
  public static final class Builder {
    private String accessCode = "sim-access-code";
    private String secretKey = "sim-secret-key";
    private long balanceUnits = 5_000_000_000L;
    private List<SimPackage> catalog = SimPackage.seed();
    private Duration allocationDelay = Duration.ZERO;
    private SimClock clock = new SimClock();
    private boolean verifySignatures = true;
    private Duration timestampWindow = Duration.ofMinutes(5);
    private Duration timeoutDelay = Duration.ofSeconds(2);
    private int rateLimit;
    private boolean rateLimitAs429 = true;
    private long seed = 42;

    private Builder() {}

    /** The access code clients must send. */
    public Builder accessCode(String code) {
      this.accessCode = code;
      return this;
    }

    /** Null: the account authenticates by access code only. */
    public Builder secretKey(String key) {
      this.secretKey = key;
      return this;
    }

    /** Starting balance in USD (default 500 000). */
    public Builder balanceUsd(String usd) {
      this.balanceUnits = new java.math.BigDecimal(usd).movePointRight(4).longValueExact();
      return this;
    }

    /** The packages sold (default {@link SimPackage#seed()}). */
    public Builder catalog(List<SimPackage> packages) {
      this.catalog = List.copyOf(packages);
      return this;
    }

    /** How long after ordering profiles are allocated (default 0: at the next look). */
    public Builder allocationDelay(Duration d) {
      this.allocationDelay = d;
      return this;
    }

    /** A controllable clock. */
    public Builder clock(SimClock clock) {
      this.clock = clock;
      return this;
    }

    /** Check RT-Signature and RT-Timestamp when sent (default on). */
    public Builder verifySignatures(boolean on) {
      this.verifySignatures = on;
      return this;
    }

    /** How long a TIMEOUT fault stalls (default 2 s; make it longer than the client's read timeout). */
    public Builder timeoutDelay(Duration d) {
      this.timeoutDelay = d;
      return this;
    }

    /** Requests per second before refusing (0 = unlimited, the default); refused as HTTP 429 or code 900001. */
    public Builder rateLimit(int perSecond, boolean asHttp429) {
      this.rateLimit = perSecond;
      this.rateLimitAs429 = asHttp429;
      return this;
    }

    /** Seed of the random fault injection. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Starts the simulator on a free local port. */
    public EsimAccessSimulator build() {
      return new EsimAccessSimulator(this);
    }
  }
}
