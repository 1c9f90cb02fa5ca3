package uz.onesim.client.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in session: the access token (a JWT for the API, short-lived), the refresh token (one
 * use: refreshing rotates it), when the access token expires, and the user. {@code toString()}
 * never shows the tokens.
 *
 * @param accessToken the JWT sent as {@code Authorization: Bearer}
 * @param refreshToken exchanged once for the next session
 * @param expiresAt when the access token stops working
 * @param user who is signed in
 */
public record Session(String accessToken, String refreshToken, Instant expiresAt, AuthUser user) {
  public Session {
    Objects.requireNonNull(accessToken, "accessToken == null");
    Objects.requireNonNull(refreshToken, "refreshToken == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }

  /** Whether the access token is expired, or will be within {@code margin}, at {@code now}. */
  public boolean expiresWithin(Duration margin, Instant now) {
    return !now.plus(margin).isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "Session{user=" + (user == null ? null : user.id()) + ", expiresAt=" + expiresAt + ", tokens redacted}";
  }
}
