package uz.onesim.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import uz.onesim.client.auth.AuthClient;
import uz.onesim.client.auth.RefreshingSession;
import uz.onesim.client.auth.Session;
import uz.onesim.client.auth.SessionStore;
import uz.onesim.client.postgrest.PostgrestClient;

/**
 * The OneSIM SDK's entry point for a signed-in consumer, partner or admin: {@link #asUser(String)}
 * acts with that user's JWT, so Row Level Security decides what they see and do. This is all a
 * partner integrator needs. OneSIM's own servers (service key, eSIM Access credentials) use
 * {@code uz.onesim.backend.OneSimBackend} from the {@code onesim-backend} module instead; see
 * {@code docs/architecture.md}.
 *
 * <pre>{@code
 * OneSim onesim = OneSim.builder().supabaseUrl(url).apiKey(publishableKey).build();
 * var partner = onesim.asUser(partnerJwt);
 * PartnerCustomer aziza = partner.customers().save(NewCustomer.of("Aziza", "Karimova", "aziza@example.com", null));
 * List<Order> orders = partner.orders().buyForCustomer(aziza.id(), "TR_1GB_7D", 1, CallOptions.none());
 * PartnerDashboard dash = partner.dashboard();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class OneSim {
  private final PostgrestClient db;
  private final AuthClient auth;
  private final SessionStore store;
  private final Clock clock;
  private final Duration refreshMargin;
  private final Duration catalogTtl;
  private final CatalogService catalog;

  private OneSim(Builder b) {
    this.db = b.db != null ? b.db : PostgrestClient.builder().supabaseUrl(b.supabaseUrl).apiKey(b.apiKey).build();
    this.auth = AuthClient.builder().supabaseUrl(db.projectUrl()).apiKey(db.apiKey()).okHttpClient(db.okHttp())
        .clock(b.clock).build();
    this.store = b.store;
    this.clock = b.clock;
    this.refreshMargin = b.refreshMargin;
    this.catalogTtl = b.catalogTtl;
    this.catalog = new CatalogService(db, catalogTtl, clock);
  }

  /** Starts a configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Acts as the user of {@code jwt}, an access token obtained elsewhere (your app's own Supabase
   * sign-in). It is not refreshed: when it expires calls fail with {@code AuthenticationException}.
   * Prefer {@link #signIn} for a session that lasts.
   */
  public UserSession asUser(String jwt) {
    return new UserSession(db.withUserJwt(Objects.requireNonNull(jwt, "jwt == null")), null, catalogTtl, clock,
        uz.onesim.client.internal.JwtSubject.of(jwt));
  }

  /**
   * Signs in with email and password: a session that refreshes itself before its access token
   * expires (one refresh however many threads use it), saved to the builder's {@link SessionStore}.
   *
   * @throws uz.onesim.core.AuthenticationException {@code invalid_credentials} for a wrong email or password
   */
  public UserSession signIn(String email, String password) {
    return session(auth.signInWithPassword(email, password));
  }

  /**
   * Signs a partner's server in with an integration credential ({@code osk_...}, issued by
   * OneSIM's backend): a self-refreshing session acting for that partner, like {@link #signIn}.
   * A revoked credential is refused here; its sessions already open act for nobody from the moment
   * it is revoked.
   *
   * @throws uz.onesim.core.ValidationException {@code apiKey}/{@code malformed} for something that is not a key
   * @throws uz.onesim.core.AuthenticationException {@code invalid_credentials} for an unknown or revoked key
   */
  public UserSession signInWithApiKey(String apiKey) {
    uz.onesim.client.auth.PartnerApiKey key = uz.onesim.client.auth.PartnerApiKey.parse(apiKey);
    return session(auth.signInWithPassword(key.loginEmail(), key.secret()));
  }

  /** Creates an account (email confirmation off, as OneSIM's project) and signs it in. */
  public UserSession signUp(String email, String password, Map<String, Object> userMetadata) {
    return session(auth.signUp(email, password, userMetadata));
  }

  /**
   * The session the {@link SessionStore} kept (e.g. after a restart), refreshed on first use if it
   * expired meanwhile.
   *
   * @throws uz.onesim.core.AuthenticationException {@code session_not_found} when the store holds none
   */
  public UserSession resume() {
    Session s = store.load().orElseThrow(() -> new uz.onesim.core.AuthenticationException(
        "no stored session: sign in first", 401, "session_not_found", null, null, null, null));
    return session(s);
  }

  /** The catalogue for visitors who are not signed in (retail prices); one shared, cached instance. */
  public CatalogService catalog() {
    return catalog;
  }

  /** Supabase Auth of this project, with this client's key (the admin calls need the service key). */
  public AuthClient auth() {
    return auth;
  }

  private UserSession session(Session s) {
    RefreshingSession refreshing = new RefreshingSession(auth, s, store, clock, refreshMargin);
    return new UserSession(db.withUserTokens(refreshing), refreshing, catalogTtl, clock,
        uz.onesim.client.internal.JwtSubject.of(refreshing.accessToken()));
  }

  /** What a signed-in customer or partner can do. */
  public static final class UserSession {
    private final PostgrestClient db;
    private final RefreshingSession session;
    private final CatalogService catalog;
    private final java.util.UUID userId;

    UserSession(PostgrestClient db, RefreshingSession session, Duration catalogTtl, Clock clock, java.util.UUID userId) {
      this.db = db;
      this.session = session;
      this.catalog = new CatalogService(db, catalogTtl, clock);
      this.userId = userId;
    }

    /**
     * The signed-in user's id (the access token's {@code sub}), or null for a token without one
     * (the anon key). Read from the token, not verified: the server verifies every request.
     */
    public java.util.UUID userId() {
      return userId;
    }

    /** The self-refreshing session behind this user, when it was signed in through the SDK. */
    public java.util.Optional<RefreshingSession> session() {
      return java.util.Optional.ofNullable(session);
    }

    /** Signs out (the refresh token stops working); a session from {@link OneSim#asUser} has nothing to end. */
    public void signOut() {
      if (session != null) {
        session.signOut();
      }
    }

    /** This user's orders: buy, quote, list, after-sale requests. */
    public OrderService orders() {
      return new OrderService(db);
    }

    /** The partner's own account (partners only). */
    public PartnerService partner() {
      return new PartnerService(db);
    }

    /**
     * Applies for a partner account: the result is {@code pending_approval} until an admin
     * approves it; until then the applicant buys nothing at a discount (nor at all as a partner).
     *
     * @throws uz.onesim.core.ValidationException listing every broken rule, before any request
     */
    public PartnerProfile applyAsPartner(PartnerApplication application) {
      application.requireValid();
      Map<String, Object> args = new java.util.LinkedHashMap<>();
      args.put("p_company_name", application.companyName());
      args.put("p_business_email", application.businessEmail());
      args.put("p_business_phone", application.businessPhone());
      args.put("p_country_code", application.countryCode());
      args.put("p_business_type", application.businessType());
      args.put("p_documents", application.documents());
      return db.rpc("apply_as_partner", args).one(PartnerProfile.Row.class).toProfile();
    }

    /**
     * Opts the signed-in traveller out of lifecycle notices about its own eSIMs (data low, expiring,
     * expired, top-up applied) or back in; installation details are still sent.
     */
    public void setNoticesOptOut(boolean optOut) {
      db.rpc("set_notices_opt_out", java.util.Map.of("p_opt_out", optOut)).execute();
    }

    /** Top-ups for this user's eSIMs (a partner: its customers'), priced like orders. */
    public TopUpService topUps() {
      return new TopUpService(db);
    }

    /** The catalogue with this user's own prices (a partner's at its discount); cached per session. */
    public CatalogService catalog() {
      return catalog;
    }

    /** An administrator's calls (partner review); the database refuses them for anyone else. */
    public AdminService admin() {
      return new AdminService(db);
    }

    /** The partner's customers (only partners have any). */
    public CustomerService customers() {
      return new CustomerService(db);
    }

    /** The partner's customer groups (tours). */
    public GroupService groups() {
      return new GroupService(db);
    }

    /** The partner's dashboard in one round trip; {@code recent} newest orders (≤ 100). */
    public PartnerDashboard dashboard(int recent) {
      return db.rpc("partner_dashboard", java.util.Map.of("p_recent", recent)).get().one(PartnerDashboard.Wire.class).toDashboard();
    }

    /** The partner's dashboard with the 10 newest orders, in one round trip. */
    public PartnerDashboard dashboard() {
      return dashboard(10);
    }
  }

  /** Configures {@link OneSim}. */
  /**
   * From the environment (docs/operations.md): {@code SUPABASE_URL} and {@code SUPABASE_PUBLISHABLE_KEY}
   * (or the legacy {@code SUPABASE_ANON_KEY}).
   *
   * @throws uz.onesim.core.ConfigurationException naming every variable that is missing
   */
  public static OneSim fromEnv() {
    return fromEnv(System::getenv);
  }

  /** {@link #fromEnv()} reading variables through {@code env}. */
  public static OneSim fromEnv(java.util.function.Function<String, String> env) {
    uz.onesim.core.EnvSettings s = uz.onesim.core.EnvSettings.from(env);
    String url = s.required(uz.onesim.core.EnvSettings.SUPABASE_URL);
    String key = s.required(uz.onesim.core.EnvSettings.PUBLIC_KEY);
    s.check("OneSim");
    return builder().supabaseUrl(url).apiKey(key).build();
  }

  public static final class Builder {
    private String supabaseUrl;
    private String apiKey;
    private PostgrestClient db;
    private SessionStore store = SessionStore.inMemory();
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = Duration.ofSeconds(60);
    private Duration catalogTtl = Duration.ofSeconds(60);

    private Builder() {}

    /** Where signed-in sessions are kept across restarts (default: in memory only). */
    public Builder sessionStore(SessionStore store) {
      this.store = Objects.requireNonNull(store, "sessionStore == null");
      return this;
    }

    /** The clock sessions judge expiry by (tests pass a controllable one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * How long a catalogue listing is reused before it is asked again (default 60 s;
     * {@link Duration#ZERO} asks every time). Quotes and purchases are never cached.
     */
    public Builder catalogCacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "catalogCacheTtl == null");
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("catalogCacheTtl must not be negative");
      }
      this.catalogTtl = ttl;
      return this;
    }

    /** Refresh this long before the access token expires (default 60 s). */
    public Builder refreshMargin(Duration margin) {
      this.refreshMargin = Objects.requireNonNull(margin, "refreshMargin == null");
      return this;
    }

    /** The project URL, e.g. {@code https://abc.supabase.co}. */
    public Builder supabaseUrl(String url) {
      this.supabaseUrl = url;
      return this;
    }

    /** The anon or publishable key (what the apps ship). */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /** A configured PostgREST client instead of URL + key. */
    public Builder postgrest(PostgrestClient client) {
      this.db = client;
      return this;
    }

    /** The configured client. */
    public OneSim build() {
      if (db == null && (supabaseUrl == null || apiKey == null)) {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (supabaseUrl == null) {
          missing.add("supabaseUrl");
        }
        if (apiKey == null) {
          missing.add("apiKey");
        }
        throw uz.onesim.core.ConfigurationException.missing("OneSim (or give postgrest(...))", missing);
      }
      return new OneSim(this);
    }

    @Override
    public String toString() {
      return "OneSim.Builder{supabaseUrl=" + supabaseUrl + ", keys redacted}";
    }
  }

  @Override
  public String toString() {
    return "OneSim{" + db + "}";
  }
}
