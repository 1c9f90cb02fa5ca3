package uz.onesim.client.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import uz.onesim.core.AuthenticationException;

/**
 * A session that keeps its access token valid: {@link #accessToken()} returns the current token,
 * and when it expires within the margin (default 60 s) exchanges the refresh token for a new
 * session first. However many threads ask at once, one refresh request is made and every caller
 * gets its result. Each new session is saved to the {@link SessionStore}. When the server refuses
 * the refresh token (revoked, reused, signed out) the store is cleared and an
 * {@link AuthenticationException} says the user must sign in again. Thread-safe.
 */
public final class RefreshingSession implements Supplier<String> {
  private final AuthClient auth;
  private final SessionStore store;
  private final Clock clock;
  private final Duration margin;
  private final ReentrantLock refreshing = new ReentrantLock();
  private final AtomicLong refreshes = new AtomicLong();
  private volatile Session current;
  private volatile java.time.Instant refreshAt;

  /**
   * @param initial the session to start from (from a sign-in, or loaded from {@code store})
   * @param margin refresh this long before expiry
   */
  public RefreshingSession(AuthClient auth, Session initial, SessionStore store, Clock clock, Duration margin) {
    this.auth = Objects.requireNonNull(auth, "auth == null");
    this.current = Objects.requireNonNull(initial, "initial == null");
    this.store = Objects.requireNonNull(store, "store == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.margin = Objects.requireNonNull(margin, "margin == null");
    this.refreshAt = refreshTimeOf(initial);
    store.save(initial);
  }

  /**
   * When to refresh {@code s}: {@code margin} before it expires, or halfway through its remaining
   * life when that is shorter than the margin (so a short-lived token never causes a refresh storm).
   */
  private java.time.Instant refreshTimeOf(Session s) {
    Duration left = Duration.between(clock.instant(), s.expiresAt());
    Duration before = left.isNegative() ? Duration.ZERO : left.dividedBy(2).compareTo(margin) < 0 ? left.dividedBy(2) : margin;
    return s.expiresAt().minus(before);
  }

  private boolean due(Session s) {
    return s == null || !clock.instant().isBefore(refreshAt);
  }

  /** A valid access token, refreshing first when the current one expires within the margin. */
  public String accessToken() {
    Session s = current;
    if (!due(s)) {
      return s.accessToken();
    }
    refreshing.lock();
    try {
      s = current;
      if (s == null) {
        throw new AuthenticationException("signed out: sign in again", 401, "session_not_found", null, null, null, null);
      }
      if (!due(s)) {
        return s.accessToken();   // another thread refreshed while this one waited
      }
      Session next;
      try {
        next = auth.refresh(s.refreshToken());
      } catch (AuthenticationException refused) {
        current = null;
        store.clear();
        throw refused;
      }
      refreshes.incrementAndGet();
      refreshAt = refreshTimeOf(next);
      current = next;
      store.save(next);
      return next.accessToken();
    } finally {
      refreshing.unlock();
    }
  }

  /** Same as {@link #accessToken()}: lets the PostgREST client ask before every request. */
  @Override
  public String get() {
    return accessToken();
  }

  /** The current session (its tokens may be about to expire; {@link #accessToken()} refreshes). */
  public Session session() {
    Session s = current;
    if (s == null) {
      throw new AuthenticationException("signed out: sign in again", 401, "session_not_found", null, null, null, null);
    }
    return s;
  }

  /** How many refreshes this session has made. */
  public long refreshCount() {
    return refreshes.get();
  }

  /** Signs out on the server (the refresh token stops working) and clears the store. */
  public void signOut() {
    refreshing.lock();
    try {
      Session s = current;
      current = null;
      store.clear();
      if (s != null) {
        auth.signOut(s.accessToken());
      }
    } finally {
      refreshing.unlock();
    }
  }

  @Override
  public String toString() {
    Session s = current;
    return "RefreshingSession{" + (s == null ? "signed out" : s) + ", refreshes=" + refreshes.get() + "}";
  }
}
