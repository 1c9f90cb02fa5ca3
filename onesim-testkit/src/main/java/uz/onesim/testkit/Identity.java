package uz.onesim.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who a statement runs as: a database role and the JWT claims PostgREST would put in
 * {@code request.jwt.claims}. {@link #superuser()} runs as the database owner with no role switch
 * (migrations, fixtures, checks "from the outside").
 *
 * @param role {@code anon}, {@code authenticated}, {@code service_role}, or {@code null} for the
 *     owner
 */
public record Identity(String role, Map<String, Object> claims) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Identity {
    claims = claims == null ? Map.of() : Map.copyOf(claims);
  }

  /** No user session: the anon key. */
  public static Identity anon() {
    return new Identity("anon", Map.of("role", "anon"));
  }

  /** The backend's service key: bypasses RLS. */
  public static Identity serviceRole() {
    return new Identity("service_role", Map.of("role", "service_role"));
  }

  /** A signed-in user. */
  public static Identity user(UUID userId) {
    return user(userId, null);
  }

  /** A signed-in user with an email claim. */
  public static Identity user(UUID userId, String email) {
    Objects.requireNonNull(userId, "userId == null");
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", userId.toString());
    claims.put("role", "authenticated");
    claims.put("aud", "authenticated");
    if (email != null) {
      claims.put("email", email);
    }
    return new Identity("authenticated", claims);
  }

  /** The database owner, no role switch and no claims. */
  public static Identity superuser() {
    return new Identity(null, Map.of());
  }

  /** The claims as the JSON text PostgREST sets. */
  public String claimsJson() {
    try {
      return JSON.writeValueAsString(claims);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("claims are not JSON-serialisable: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public String toString() {
    return role == null ? "superuser" : role + (claims.containsKey("sub") ? "(" + claims.get("sub") + ")" : "");
  }
}
