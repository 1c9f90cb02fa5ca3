package uz.onesim.client.auth;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A Supabase Auth user as the API returns it. {@code appMetadata} is set by the server only (safe
 * for decisions); {@code userMetadata} is the user's own and must never decide what they may do.
 *
 * @param id the user's id ({@code auth.users.id}, the JWT's {@code sub})
 * @param email the email address, lower case
 * @param appMetadata server-set metadata
 * @param userMetadata user-editable metadata
 * @param createdAt when the user was created
 */
public record AuthUser(UUID id, String email, Map<String, Object> appMetadata, Map<String, Object> userMetadata, Instant createdAt) {
  public AuthUser {
    appMetadata = appMetadata == null ? Map.of() : Map.copyOf(appMetadata);
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
  }
}
