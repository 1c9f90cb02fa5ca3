package uz.onesim.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import uz.onesim.client.internal.AuthErrors;
import uz.onesim.core.AuthenticationException;
import uz.onesim.core.OneSimException;
import uz.onesim.core.TransportException;
import uz.onesim.core.ValidationException;

/**
 * Supabase Auth (GoTrue, {@code <project>/auth/v1}) for one project and one API key: sign-up,
 * password sign-in, refresh, sign-out, the current user, and, when built with the service key,
 * the admin user calls. Every call is one HTTP request; none is retried (a sign-in or a refresh
 * repeated after a lost answer could rotate a token twice). Immutable and thread-safe.
 *
 * <pre>{@code
 * AuthClient auth = AuthClient.builder().supabaseUrl(url).apiKey(anonKey).build();
 * Session s = auth.signInWithPassword("ops@grandtravel.uz", password);
 * }</pre>
 *
 * Errors: a refused credential, token or refresh token is an {@link AuthenticationException} (its
 * {@code code()} is GoTrue's {@code error_code}, e.g. {@code invalid_credentials},
 * {@code refresh_token_already_used}); a refused sign-up is a {@code BadRequestException}
 * ({@code weak_password}) or {@code ConflictException} ({@code user_already_exists}).
 */
public final class AuthClient {
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpUrl authUrl;
  private final String apiKey;
  private final OkHttpClient http;
  private final java.time.Clock clock;

  private AuthClient(Builder b) {
    this.clock = b.clock;
    this.authUrl = b.projectUrl.newBuilder().addPathSegments("auth/v1").build();
    this.apiKey = b.apiKey;
    this.http = (b.okHttp != null ? b.okHttp.newBuilder() : new OkHttpClient.Builder())
        .callTimeout(b.timeout).retryOnConnectionFailure(false).build();
  }

  /** Starts a configuration; {@code supabaseUrl} and {@code apiKey} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Creates a user and signs them in (projects with email confirmation off, as OneSIM's). */
  public Session signUp(String email, String password, Map<String, Object> userMetadata) {
    ObjectNode body = credentials(email, password);
    if (userMetadata != null && !userMetadata.isEmpty()) {
      body.set("data", JSON.valueToTree(userMetadata));
    }
    JsonNode r = send(post("signup", null, body, null));
    if (!r.hasNonNull("access_token")) {
      throw new OneSimException("the project requires email confirmation before sign-in; the user was created, no session issued");
    }
    return session(r);
  }

  /** Signs in with email and password. */
  public Session signInWithPassword(String email, String password) {
    return session(send(post("token", "password", credentials(email, password), null)));
  }

  /** Exchanges a refresh token (used once: it rotates) for a new session. */
  public Session refresh(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank()) {
      throw new ValidationException("refreshToken", "required", "is required");
    }
    return session(send(post("token", "refresh_token", JSON.createObjectNode().put("refresh_token", refreshToken), null)));
  }

  /** Signs the session of {@code accessToken} out: its refresh tokens stop working. */
  public void signOut(String accessToken) {
    send(post("logout", null, JSON.createObjectNode(), requireToken(accessToken)));
  }

  /** The user of {@code accessToken}, as the server sees it now. */
  public AuthUser user(String accessToken) {
    return user(send(request("user").header("Authorization", "Bearer " + requireToken(accessToken)).get().build()));
  }

  /**
   * Admin (service key only): creates a confirmed user with {@code password} (null for none) and
   * server-set {@code appMetadata}.
   */
  public AuthUser adminCreateUser(String email, String password, Map<String, Object> appMetadata) {
    ObjectNode body = JSON.createObjectNode().put("email", email).put("email_confirm", true);
    if (password != null) {
      body.put("password", password);
    }
    if (appMetadata != null && !appMetadata.isEmpty()) {
      body.set("app_metadata", JSON.valueToTree(appMetadata));
    }
    return user(send(post("admin/users", null, body, apiKey)));
  }

  /** Admin (service key only): the user {@code id}. */
  public AuthUser adminGetUser(UUID id) {
    return user(send(request("admin/users/" + id).header("Authorization", "Bearer " + apiKey).get().build()));
  }

  /**
   * Admin (service key only): bans the user {@code id} for {@code duration} (Supabase's
   * {@code ban_duration}; {@code null} or zero lifts a ban). A banned user can neither sign in nor
   * refresh; access tokens already issued stay valid until they expire.
   */
  public AuthUser adminBanUser(UUID id, Duration duration) {
    String ban = duration == null || duration.isZero() ? "none" : duration.toHours() + "h";
    ObjectNode body = JSON.createObjectNode().put("ban_duration", ban);
    okhttp3.RequestBody rb = okhttp3.RequestBody.create(body.toString(), okhttp3.MediaType.get("application/json"));
    return user(send(request("admin/users/" + id).header("Authorization", "Bearer " + apiKey).put(rb).build()));
  }

  /** Admin (service key only): deletes the user {@code id}. */
  public void adminDeleteUser(UUID id) {
    send(request("admin/users/" + id).header("Authorization", "Bearer " + apiKey).delete().build());
  }

  // ------------------------------------------------------------------ wire

  private static ObjectNode credentials(String email, String password) {
    if (email == null || email.isBlank()) {
      throw new ValidationException("email", "required", "is required");
    }
    if (password == null || password.isEmpty()) {
      throw new ValidationException("password", "required", "is required");
    }
    return JSON.createObjectNode().put("email", email.trim()).put("password", password);
  }

  private static String requireToken(String token) {
    if (token == null || token.isBlank()) {
      throw new ValidationException("accessToken", "required", "is required");
    }
    return token;
  }

  private Request.Builder request(String path) {
    return new Request.Builder().url(authUrl.newBuilder().addPathSegments(path).build())
        .header("apikey", apiKey).header("X-Client-Info", "onesim-java/0.1.0");
  }

  private Request post(String path, String grantType, JsonNode body, String bearer) {
    Request.Builder b = request(path);
    if (grantType != null) {
      b.url(authUrl.newBuilder().addPathSegments(path).addQueryParameter("grant_type", grantType).build());
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      return b.post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialise the request", e);
    }
  }

  private JsonNode send(Request request) {
    try (Response response = http.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      if (!response.isSuccessful()) {
        throw AuthErrors.map(JSON, response.code(), text, response.header("x-request-id"),
            request.url().encodedPath().replaceFirst("^.*/auth/v1/", ""));
      }
      return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new TransportException("Supabase Auth " + request.url().encodedPath() + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * The expiry is taken as {@code expires_in} from now on this client's clock (a server clock that
   * differs from ours cannot make every token look expired); {@code expires_at} only when
   * {@code expires_in} is absent.
   */
  private Session session(JsonNode r) {
    long expiresIn = r.path("expires_in").asLong(0);
    Instant at = expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : Instant.ofEpochSecond(r.path("expires_at").asLong(0));
    return new Session(r.path("access_token").asText(), r.path("refresh_token").asText(), at, user(r.path("user")));
  }

  @SuppressWarnings("unchecked")
  private static AuthUser user(JsonNode u) {
    if (u == null || u.isMissingNode() || u.isNull() || !u.hasNonNull("id")) {
      return null;
    }
    Instant created = u.hasNonNull("created_at") ? Instant.parse(u.get("created_at").asText()) : null;
    return new AuthUser(UUID.fromString(u.get("id").asText()), u.path("email").asText(null),
        JSON.convertValue(u.path("app_metadata"), LinkedHashMap.class), JSON.convertValue(u.path("user_metadata"), LinkedHashMap.class),
        created);
  }

  @Override
  public String toString() {
    return "AuthClient{url=" + authUrl + ", apiKey redacted}";
  }

  /** Configures an {@link AuthClient}. */
  public static final class Builder {
    private HttpUrl projectUrl;
    private String apiKey;
    private OkHttpClient okHttp;
    private Duration timeout = Duration.ofSeconds(30);
    private java.time.Clock clock = java.time.Clock.systemUTC();

    private Builder() {}

    /** The clock session expiry is computed on (default: the system clock). */
    public Builder clock(java.time.Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The project URL, e.g. {@code https://<ref>.supabase.co}; {@code /auth/v1} is appended. */
    public Builder supabaseUrl(String url) {
      HttpUrl u = HttpUrl.parse(Objects.requireNonNull(url, "supabaseUrl == null"));
      if (u == null) {
        throw new IllegalArgumentException("supabaseUrl is not an http(s) URL");
      }
      this.projectUrl = u;
      return this;
    }

    /** The anon/publishable key; the service/secret key for the admin calls. */
    public Builder apiKey(String key) {
      this.apiKey = Objects.requireNonNull(key, "apiKey == null");
      return this;
    }

    /** Shares connections with an existing OkHttp client. */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttp = Objects.requireNonNull(client, "okHttpClient == null");
      return this;
    }

    /** The whole call's timeout (default 30 s). */
    public Builder timeout(Duration d) {
      this.timeout = Objects.requireNonNull(d, "timeout == null");
      return this;
    }

    /** Builds the client; throws {@link IllegalStateException} naming what is missing. */
    public AuthClient build() {
      if (projectUrl == null || apiKey == null) {
        throw new IllegalStateException("supabaseUrl and apiKey are required");
      }
      return new AuthClient(this);
    }

    @Override
    public String toString() {
      return "AuthClient.Builder{url=" + projectUrl + ", apiKey redacted}";
    }
  }
}
