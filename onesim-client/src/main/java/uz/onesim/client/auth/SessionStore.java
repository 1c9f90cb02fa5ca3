package uz.onesim.client.auth;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a {@link RefreshingSession} keeps its latest session, so a server restart resumes it
 * instead of signing in again (a database row, an encrypted file, a secrets manager). Called after
 * every refresh; implementations must be thread-safe and must protect the refresh token like a
 * password.
 */
public interface SessionStore {
  /** The stored session, if any. */
  Optional<Session> load();

  /** Replaces the stored session. */
  void save(Session session);

  /** Forgets the session (after sign-out, or when its refresh token is refused). */
  void clear();

  /** A store in memory only (the default): nothing survives a restart. */
  static SessionStore inMemory() {
    AtomicReference<Session> ref = new AtomicReference<>();
    return new SessionStore() {
      @Override
      public Optional<Session> load() {
        return Optional.ofNullable(ref.get());
      }

      @Override
      public void save(Session session) {
        ref.set(session);
      }

      @Override
      public void clear() {
        ref.set(null);
      }

      @Override
      public String toString() {
        return "SessionStore.inMemory";
      }
    };
  }
}
