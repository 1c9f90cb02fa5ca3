package uz.onesim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;

/**
 * The part of Supabase Auth (GoTrue, under {@code /auth/v1}) the SDK and supabase-js use, backed by
 * the local {@code auth} schema: sign-up, password and refresh-token grants (refresh tokens rotate;
 * reusing a rotated one outside the reuse interval revokes the whole session, as GoTrue does),
 * sign-out, the current user, and the admin user calls with the service role. Passwords are bcrypt
 * hashes. Errors have GoTrue's shape: {@code {"code": 400, "error_code": "...", "msg": "..."}}.
 */
public final class AuthServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MIN_PASSWORD = 6;

  private final LocalDatabase db;
  private final Jwts jwts;
  private final Supplier<String> issuer;
  private volatile Duration accessTokenLifetime = Duration.ofHours(1);
  private volatile Duration reuseInterval = Duration.ofSeconds(10);

  public AuthServer(LocalDatabase db, Jwts jwts, Supplier<String> issuer) {
    this.db = db;
    this.jwts = jwts;
    this.issuer = issuer;
  }

  /** Back to Supabase's defaults: one-hour access tokens, a ten-second refresh reuse interval. */
  public void resetSettings() {
    this.accessTokenLifetime = Duration.ofHours(1);
    this.reuseInterval = Duration.ofSeconds(10);
  }

  /** How long an access token lives (Supabase's default: an hour). */
  public void accessTokenLifetime(Duration d) {
    this.accessTokenLifetime = d;
  }

  /** How long a just-rotated refresh token may still be used (Supabase's default: 10 s). */
  public void refreshTokenReuseInterval(Duration d) {
    this.reuseInterval = d;
  }

  /** An HTTP failure in GoTrue's shape. */
  static final class AuthError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    AuthError(int status, String code, String msg) {
      super(msg, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  /**
   * Serves {@code path} (below {@code /auth/v1}); {@code callerJwt} is the verified bearer or the
   * JWT behind the API key, {@code callerClaims} its claims.
   */
  public void handle(HttpExchange ex, String path, String query, Map<String, Object> callerClaims) throws IOException {
    try {
      String method = ex.getRequestMethod();
      JsonNode body = method.equals("POST") || method.equals("PUT") ? readBody(ex) : JSON.createObjectNode();
      Object result = route(method, path, query == null ? "" : query, body, callerClaims);
      if (result == null) {
        send(ex, 204, null);
      } else {
        send(ex, 200, JSON.writeValueAsBytes(result));
      }
    } catch (AuthError e) {
      ObjectNode err = JSON.createObjectNode().put("code", e.status).put("error_code", e.code).put("msg", e.getMessage());
      send(ex, e.status, JSON.writeValueAsBytes(err));
    }
  }

  private Object route(String method, String path, String query, JsonNode body, Map<String, Object> caller) {
    if (method.equals("POST") && path.equals("/signup")) {
      return signUp(body);
    }
    if (method.equals("POST") && path.equals("/token")) {
      String grant = param(query, "grant_type");
      if ("password".equals(grant)) {
        return passwordGrant(body);
      }
      if ("refresh_token".equals(grant)) {
        return refreshGrant(body);
      }
      throw new AuthError(400, "unsupported_grant_type", "unsupported_grant_type");
    }
    if (method.equals("POST") && path.equals("/logout")) {
      logout(userOf(caller), caller);
      return null;
    }
    if (method.equals("GET") && path.equals("/user")) {
      return user(userOf(caller));
    }
    if (path.equals("/admin/users") && method.equals("POST")) {
      requireAdmin(caller);
      return user(createUser(body, true));
    }
    if (path.startsWith("/admin/users/")) {
      requireAdmin(caller);
      UUID id = uuid(path.substring("/admin/users/".length()));
      if (method.equals("GET")) {
        return user(id);
      }
      if (method.equals("DELETE")) {
        update("delete from auth.users where id = ?", id);
        return Map.of();
      }
      if (method.equals("PUT")) {
        String ban = text(body, "ban_duration");
        if (ban != null) {
          banFor(id, ban);
        }
        return user(id);
      }
    }
    throw new AuthError(404, "not_found", "no such endpoint: " + method + " " + path);
  }

  // ------------------------------------------------------------------ grants

  private Map<String, Object> signUp(JsonNode body) {
    UUID id = createUser(body, false);
    return newSession(id);
  }

  private UUID createUser(JsonNode body, boolean admin) {
    String email = text(body, "email");
    String password = text(body, "password");
    if (email == null || !email.contains("@")) {
      throw new AuthError(400, "validation_failed", "Unable to validate email address: invalid format");
    }
    if (password == null && !admin) {
      throw new AuthError(400, "validation_failed", "Signup requires a valid password");
    }
    if (password != null && password.length() < MIN_PASSWORD) {
      throw new AuthError(422, "weak_password", "Password should be at least " + MIN_PASSWORD + " characters.");
    }
    JsonNode meta = body.has("data") ? body.get("data") : body.path("user_metadata");
    JsonNode app = admin && body.has("app_metadata") ? body.get("app_metadata") : JSON.createObjectNode();
    ObjectNode appMeta = JSON.createObjectNode().put("provider", "email");
    appMeta.putArray("providers").add("email");
    appMeta.setAll((ObjectNode) (app.isObject() ? app : JSON.createObjectNode()));
    UUID id = UUID.randomUUID();
    try {
      db.inTransaction(Identity.superuser(), c -> {
        try (PreparedStatement ps = LocalDatabase.prepare(c, "insert into auth.users (id, email, encrypted_password, "
            + "email_confirmed_at, raw_app_meta_data, raw_user_meta_data) values (?, lower(?), "
            + "case when ?::text is null then null else extensions.crypt(?, extensions.gen_salt('bf')) end, now(), ?::jsonb, ?::jsonb)",
            id, email, password, password, appMeta.toString(), meta.isObject() ? meta.toString() : "{}")) {
          ps.executeUpdate();
        }
        // What a Supabase project's handle_new_user trigger does: every user gets a profile.
        try (PreparedStatement ps = LocalDatabase.prepare(c, "insert into public.profiles (id, first_name, last_name, user_type) "
            + "values (?, ?, ?, 'customer') on conflict (id) do nothing", id,
            meta.path("first_name").asText(email.substring(0, email.indexOf('@'))), meta.path("last_name").asText("User"))) {
          ps.executeUpdate();
        }
        return null;
      });
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("users_email_key")) {
        throw new AuthError(422, "user_already_exists", "User already registered");
      }
      throw e;
    }
    return id;
  }

  private Map<String, Object> passwordGrant(JsonNode body) {
    String email = text(body, "email");
    String password = text(body, "password");
    if (email == null || password == null) {
      throw new AuthError(400, "validation_failed", "missing email or password");
    }
    List<Map<String, Object>> rows = db.query(Identity.superuser(), "select id from auth.users where lower(email) = lower(?) "
        + "and encrypted_password is not null and encrypted_password = extensions.crypt(?, encrypted_password) "
        + "and deleted_at is null and (banned_until is null or banned_until < now())", email, password);
    if (rows.isEmpty()) {
      throw new AuthError(400, "invalid_credentials", "Invalid login credentials");
    }
    UUID id = (UUID) rows.get(0).get("id");
    update("update auth.users set last_sign_in_at = now() where id = ?", id);
    return newSession(id);
  }

  private Map<String, Object> refreshGrant(JsonNode body) {
    String token = text(body, "refresh_token");
    if (token == null) {
      throw new AuthError(400, "validation_failed", "refresh_token required");
    }
    Map<String, Object> result = db.inTransaction(Identity.superuser(), c -> {
      Map<String, Object> row = one(c, "select user_id, session_id, revoked, updated_at from auth.refresh_tokens where token = ? for update",
          token);
      if (row == null) {
        throw new AuthError(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
      }
      UUID user = (UUID) row.get("user_id");
      UUID session = (UUID) row.get("session_id");
      if (one(c, "select 1 as banned from auth.users where id = ? and banned_until > now()", user) != null) {
        throw new AuthError(400, "user_banned", "User is banned");
      }
      if ((Boolean) row.get("revoked")) {
        OffsetDateTime rotatedAt = (OffsetDateTime) row.get("updated_at");
        Map<String, Object> child = one(c, "select token from auth.refresh_tokens where parent = ? and not revoked", token);
        if (child != null && rotatedAt.toInstant().plus(reuseInterval).isAfter(Instant.now())) {
          return session(user, session, (String) child.get("token"));   // a concurrent refresh: same session
        }
        return Map.of("reused_session", session);   // revoked after this transaction (an error would roll it back)
      }
      exec(c, "update auth.refresh_tokens set revoked = true, updated_at = now() where token = ?", token);
      String next = newToken();
      exec(c, "insert into auth.refresh_tokens (token, user_id, session_id, parent) values (?, ?, ?, ?)", next, user, session, token);
      return session(user, session, next);
    });
    if (result.containsKey("reused_session")) {
      update("update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = ?", result.get("reused_session"));
      throw new AuthError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");
    }
    return result;
  }

  /** Supabase's ban_duration: "none" lifts a ban, "<n>h" (or m, s) bans until now + n. */
  private void banFor(UUID id, String duration) {
    if (duration.equals("none")) {
      update("update auth.users set banned_until = null where id = ?", id);
      return;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([hms])").matcher(duration);
    if (!m.matches()) {
      throw new AuthError(400, "validation_failed", "ban_duration: invalid duration " + duration);
    }
    String unit = switch (m.group(2)) { case "h" -> "hours"; case "m" -> "mins"; default -> "secs"; };
    update("update auth.users set banned_until = now() + make_interval(" + unit + " => ?) where id = ?", Integer.parseInt(m.group(1)), id);
  }

  private void logout(UUID user, Map<String, Object> caller) {
    Object sid = caller.get("session_id");
    if (sid != null) {
      update("update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = ?::uuid", sid.toString());
    } else {
      update("update auth.refresh_tokens set revoked = true, updated_at = now() where user_id = ?", user);
    }
  }

  private Map<String, Object> newSession(UUID user) {
    UUID session = UUID.randomUUID();
    String token = newToken();
    db.inTransaction(Identity.superuser(), c -> {
      exec(c, "insert into auth.sessions (id, user_id) values (?, ?)", session, user);
      exec(c, "insert into auth.refresh_tokens (token, user_id, session_id) values (?, ?, ?)", token, user, session);
      return null;
    });
    return session(user, session, token);
  }

  private Map<String, Object> session(UUID user, UUID session, String refreshToken) {
    Map<String, Object> u = user(user);
    long now = Instant.now().getEpochSecond();
    long exp = now + accessTokenLifetime.toSeconds();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer.get());
    claims.put("sub", user.toString());
    claims.put("aud", "authenticated");
    claims.put("exp", exp);
    claims.put("iat", now);
    claims.put("email", u.get("email"));
    claims.put("phone", "");
    claims.put("app_metadata", u.get("app_metadata"));
    claims.put("user_metadata", u.get("user_metadata"));
    claims.put("role", "authenticated");
    claims.put("aal", "aal1");
    claims.put("amr", List.of(Map.of("method", "password", "timestamp", now)));
    claims.put("session_id", session.toString());
    claims.put("is_anonymous", false);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("access_token", jwts.sign(claims));
    s.put("token_type", "bearer");
    s.put("expires_in", accessTokenLifetime.toSeconds());
    s.put("expires_at", exp);
    s.put("refresh_token", refreshToken);
    s.put("user", u);
    return s;
  }

  private Map<String, Object> user(UUID id) {
    List<Map<String, Object>> rows = db.query(Identity.superuser(), "select id, email, email_confirmed_at, last_sign_in_at, "
        + "raw_app_meta_data::text as app, raw_user_meta_data::text as meta, created_at, updated_at, is_anonymous "
        + "from auth.users where id = ? and deleted_at is null", id);
    if (rows.isEmpty()) {
      throw new AuthError(404, "user_not_found", "User not found");
    }
    Map<String, Object> r = rows.get(0);
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("id", r.get("id").toString());
    u.put("aud", "authenticated");
    u.put("role", "authenticated");
    u.put("email", r.get("email"));
    u.put("email_confirmed_at", iso(r.get("email_confirmed_at")));
    u.put("phone", "");
    u.put("confirmed_at", iso(r.get("email_confirmed_at")));
    u.put("last_sign_in_at", iso(r.get("last_sign_in_at")));
    u.put("app_metadata", tree((String) r.get("app")));
    u.put("user_metadata", tree((String) r.get("meta")));
    u.put("identities", List.of());
    u.put("created_at", iso(r.get("created_at")));
    u.put("updated_at", iso(r.get("updated_at")));
    u.put("is_anonymous", r.get("is_anonymous"));
    return u;
  }

  // ------------------------------------------------------------------ callers

  private static UUID userOf(Map<String, Object> caller) {
    Object role = caller.get("role");
    Object sub = caller.get("sub");
    if (!"authenticated".equals(role) || sub == null) {
      throw new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token of a signed-in user");
    }
    return uuid(sub.toString());
  }

  private static void requireAdmin(Map<String, Object> caller) {
    if (!"service_role".equals(caller.get("role"))) {
      throw new AuthError(403, "not_admin", "User not allowed");
    }
  }

  // ------------------------------------------------------------------ plumbing

  private static String newToken() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private void update(String sql, Object... params) {
    db.update(Identity.superuser(), sql, params);
  }

  private static void exec(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = LocalDatabase.prepare(c, sql, params)) {
      ps.executeUpdate();
    }
  }

  private static Map<String, Object> one(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = LocalDatabase.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        Object v = rs.getObject(i);
        row.put(rs.getMetaData().getColumnLabel(i), v instanceof java.sql.Timestamp t ? t.toInstant().atOffset(java.time.ZoneOffset.UTC) : v);
      }
      return row;
    }
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw new AuthError(400, "validation_failed", "not a user id: " + s);
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static Object tree(String json) {
    try {
      return JSON.readValue(json == null ? "{}" : json, Map.class);
    } catch (IOException e) {
      return Map.of();
    }
  }

  private static String iso(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant().toString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    return v.toString();
  }

  private static String param(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }

  private static JsonNode readBody(HttpExchange ex) throws IOException {
    byte[] bytes = ex.getRequestBody().readAllBytes();
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new AuthError(400, "bad_json", "Could not parse request body as JSON");
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }
}
