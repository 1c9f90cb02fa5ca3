package uz.onesim.testkit;

import java.time.Duration;
import java.util.Objects;
import uz.onesim.testkit.internal.AuthServer;

/** The Supabase Auth settings of one {@link LocalSupabase}, changeable while it runs (tests of expiry and rotation). */
public final class AuthSettings {
  private final AuthServer server;

  AuthSettings(AuthServer server) {
    this.server = server;
  }

  /** Access tokens issued from now on live {@code lifetime} (Supabase's default: 1 hour). */
  public AuthSettings accessTokenLifetime(Duration lifetime) {
    server.accessTokenLifetime(Objects.requireNonNull(lifetime, "lifetime == null"));
    return this;
  }

  /**
   * A rotated refresh token may be used again within {@code interval} (a concurrent refresh) and is
   * refused after it, revoking the session (Supabase's default: 10 s).
   */
  public AuthSettings refreshTokenReuseInterval(Duration interval) {
    server.refreshTokenReuseInterval(Objects.requireNonNull(interval, "interval == null"));
    return this;
  }
}
