package uz.onesim.client.postgrest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import uz.onesim.core.RetryPolicy;
import uz.onesim.core.Sleeper;
import uz.onesim.client.internal.HttpExecutor;
import uz.onesim.client.internal.JsonMapper;

/**
 * A PostgREST client: one immutable, thread-safe instance per project, built once and shared.
 *
 * <pre>{@code
 * PostgrestClient db = PostgrestClient.builder()
 *     .supabaseUrl("https://xyz.supabase.co")          // /rest/v1 is appended
 *     .apiKey(System.getenv("SUPABASE_ANON_KEY"))
 *     .build();
 * List<Order> mine = db.withUserJwt(accessToken)       // RLS applies as that user
 *     .from("orders").select("id,price_usd,order_status").eq("order_status", "ALLOCATED")
 *     .order("created_at", false).limit(20).list(Order.class);
 * }</pre>
 *
 * Headers as supabase-js sends them: {@code apikey} always; {@code Authorization: Bearer} the
 * user's JWT when one is set, else the key itself. Keys and tokens never appear in
 * {@link #toString()}, logs or exception messages. Reads (GET/HEAD) are retried on network
 * failures, 503 and 520 (at most {@link Builder#maxRetries}); writes never are.
 */
public final class PostgrestClient {
  private static final String CLIENT_INFO = "onesim-java/0.1.0";

  private final Builder config;
  private final HttpUrl restUrl;
  private final Supplier<String> userToken;
  private final ObjectMapper json;
  private final HttpExecutor executor;

  private PostgrestClient(Builder config, Supplier<String> userToken, ObjectMapper json, HttpExecutor executor) {
    this.config = config;
    this.restUrl = config.restUrl;
    this.userToken = userToken;
    this.json = json;
    this.executor = executor;
  }

  /** Starts a configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * From the environment: {@code SUPABASE_URL} and the first key set among
   * {@code SUPABASE_SECRET_KEY}, {@code SUPABASE_SERVICE_ROLE_KEY}, {@code SUPABASE_PUBLISHABLE_KEY},
   * {@code SUPABASE_ANON_KEY}.
   */
  public static PostgrestClient fromEnv() {
    return fromEnv(System::getenv);
  }

  static PostgrestClient fromEnv(Function<String, String> env) {
    uz.onesim.core.EnvSettings s = uz.onesim.core.EnvSettings.from(env);
    String url = s.required(uz.onesim.core.EnvSettings.SUPABASE_URL);
    java.util.List<String> keys = new java.util.ArrayList<>(uz.onesim.core.EnvSettings.SECRET_KEY);
    keys.addAll(uz.onesim.core.EnvSettings.PUBLIC_KEY);
    String key = s.required(keys);
    s.check("PostgrestClient");
    return builder().supabaseUrl(url).apiKey(key).build();
  }

  /** A client that acts as the user of {@code jwt} (RLS applies as that user); shares connections with this one. */
  public PostgrestClient withUserJwt(String jwt) {
    Objects.requireNonNull(jwt, "jwt == null");
    return new PostgrestClient(config, () -> jwt, json, executor);
  }

  /**
   * A client that asks {@code tokens} for the user's access token before every request (a session
   * that refreshes itself, e.g. {@code uz.onesim.client.auth.RefreshingSession}); shares connections.
   */
  public PostgrestClient withUserTokens(Supplier<String> tokens) {
    Objects.requireNonNull(tokens, "tokens == null");
    return new PostgrestClient(config, tokens, json, executor);
  }

  /** A query on table or view {@code table}. */
  public PostgrestQuery from(String table) {
    Objects.requireNonNull(table, "table == null");
    return new PostgrestQuery(this, table, false);
  }

  /** A call of the function {@code function} with named arguments ({@code null} for none): POST unless {@link PostgrestQuery#get()}. */
  public PostgrestQuery rpc(String function, Object args) {
    Objects.requireNonNull(function, "function == null");
    return new PostgrestQuery(this, "rpc/" + function, true).rpcArgs(args);
  }

  /** The retry policy of this client's reads, also used by the flows' create paths. */
  public RetryPolicy retryPolicy() {
    return config.retry;
  }

  /** The mapper used for bodies and results (snake_case ↔ camelCase, BigDecimal, java.time). */
  public ObjectMapper objectMapper() {
    return json;
  }

  /** A builder starting from this client's settings. */
  public Builder newBuilder() {
    return config.copy();
  }

  HttpUrl restUrl() {
    return restUrl;
  }

  /** The project URL ({@code /rest/v1} removed), for the other Supabase APIs of the same project. */
  public String projectUrl() {
    String u = restUrl.toString();
    return u.endsWith("/rest/v1") ? u.substring(0, u.length() - "/rest/v1".length())
        : u.endsWith("/rest/v1/") ? u.substring(0, u.length() - "/rest/v1/".length()) : u.replaceAll("/$", "");
  }

  /** The API key this client sends (for building sibling clients of the same project; never logged). */
  public String apiKey() {
    return config.apiKey;
  }

  /** The underlying OkHttp client (share its connection pool with sibling clients). */
  public okhttp3.OkHttpClient okHttp() {
    return executor.http();
  }

  String schema() {
    return config.schema;
  }

  HttpExecutor executor() {
    return executor;
  }

  /** Adds the auth headers of this client to {@code b}. */
  Request.Builder authorize(Request.Builder b) {
    b.header("apikey", config.apiKey);
    b.header("Authorization", "Bearer " + (userToken != null ? userToken.get() : config.apiKey));
    b.header("X-Client-Info", CLIENT_INFO);
    return b;
  }

  @Override
  public String toString() {
    return "PostgrestClient{url=" + restUrl + ", schema=" + config.schema + ", apiKey=" + redact(config.apiKey)
        + (userToken != null ? ", userJwt=<redacted>" : "") + "}";
  }

  static String redact(String key) {
    if (key == null) {
      return "null";
    }
    if (key.startsWith("sb_publishable_")) {
      return "sb_publishable_…";
    }
    if (key.startsWith("sb_secret_")) {
      return "sb_secret_…";
    }
    return "<redacted>";
  }

  /** Configures a {@link PostgrestClient}. Not thread-safe; {@link #build()} copies what it needs. */
  public static final class Builder {
    private HttpUrl restUrl;
    private String apiKey;
    private OkHttpClient okHttpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private String schema = "public";
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private PostgrestListener listener = PostgrestListener.NONE;
    private ObjectMapper objectMapper;

    private Builder() {}

    /** A Supabase project URL such as {@code https://xyz.supabase.co}; {@code /rest/v1} is appended. */
    public Builder supabaseUrl(String url) {
      HttpUrl base = parse(url, "supabaseUrl");
      this.restUrl = base.newBuilder().addPathSegments("rest/v1").build();
      return this;
    }

    /** A raw PostgREST URL (no {@code /rest/v1} appended). */
    public Builder restUrl(String url) {
      this.restUrl = parse(url, "restUrl");
      return this;
    }

    /** The project's API key: legacy anon/service_role JWT, or {@code sb_publishable_…}/{@code sb_secret_…}. */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
      return this;
    }

    /** Your own OkHttp client (its pools and interceptors are shared; timeouts set here apply). */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Objects.requireNonNull(client, "okHttpClient == null");
      return this;
    }

    /** Default 10 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** Default 30 s. */
    public Builder readTimeout(Duration d) {
      this.readTimeout = positive(d, "readTimeout");
      return this;
    }

    /** The whole call including the body; default 60 s. */
    public Builder callTimeout(Duration d) {
      this.callTimeout = positive(d, "callTimeout");
      return this;
    }

    /** Default {@code public}; others are sent as {@code Accept-Profile}/{@code Content-Profile}. */
    public Builder schema(String schema) {
      this.schema = Objects.requireNonNull(schema, "schema == null");
      return this;
    }

    /** Retries of idempotent reads; default 3, 0 turns them off. */
    public Builder maxRetries(int maxRetries) {
      this.retry = retry.withMaxRetries(maxRetries);
      return this;
    }

    /** First backoff (default 250 ms) and the cap (default 10 s); jittered, see {@link RetryPolicy}. */
    public Builder backoff(Duration base, Duration max) {
      this.retry = retry.withBackoff(positive(base, "base"), positive(max, "max"));
      return this;
    }

    /** How to wait between retries (tests pass a simulated clock). */
    public Builder sleeper(Sleeper sleeper) {
      this.retry = retry.withSleeper(Objects.requireNonNull(sleeper, "sleeper == null"));
      return this;
    }

    /** The whole retry policy at once. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "retryPolicy == null");
      return this;
    }

    /** The clock for {@code Retry-After} dates (tests pass a controllable one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Told about every request (counting, logging). */
    public Builder listener(PostgrestListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** Replaces the JSON mapper; it should keep the conventions of the default one. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.objectMapper = Objects.requireNonNull(mapper, "objectMapper == null");
      return this;
    }

    /** The configured client. */
    public PostgrestClient build() {
      if (restUrl == null) {
        throw new IllegalStateException("supabaseUrl == null (or restUrl)");
      }
      if (apiKey == null) {
        throw new IllegalStateException("apiKey == null");
      }
      Builder frozen = copy();
      OkHttpClient http = (okHttpClient != null ? okHttpClient.newBuilder() : new OkHttpClient.Builder())
          .connectTimeout(connectTimeout).readTimeout(readTimeout).callTimeout(callTimeout)
          .retryOnConnectionFailure(false)
          .build();
      ObjectMapper json = objectMapper != null ? objectMapper : JsonMapper.create();
      HttpExecutor executor = new HttpExecutor(http, json, retry, clock, listener);
      return new PostgrestClient(frozen, null, json, executor);
    }

    Builder copy() {
      Builder b = new Builder();
      b.restUrl = restUrl;
      b.apiKey = apiKey;
      b.okHttpClient = okHttpClient;
      b.connectTimeout = connectTimeout;
      b.readTimeout = readTimeout;
      b.callTimeout = callTimeout;
      b.schema = schema;
      b.retry = retry;
      b.clock = clock;
      b.listener = listener;
      b.objectMapper = objectMapper;
      return b;
    }

    private static HttpUrl parse(String url, String field) {
      Objects.requireNonNull(url, field + " == null");
      HttpUrl u = HttpUrl.parse(url);
      if (u == null) {
        throw new IllegalArgumentException(field + " is not an http(s) URL: " + url);
      }
      return u;
    }

    private static Duration positive(Duration d, String field) {
      Objects.requireNonNull(d, field + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(field + " must be positive: " + d);
      }
      return d;
    }

    @Override
    public String toString() {
      return "PostgrestClient.Builder{url=" + restUrl + ", apiKey=" + redact(apiKey) + "}";
    }
  }
}
