package uz.onesim.client.auth;

import uz.onesim.testkit.SimClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.core.AuthenticationException;

/** One refresh however many threads ask; a refused refresh token ends the session cleanly. */
class RefreshingSessionTest {
  MockWebServer server;
  AuthClient auth;
  final SimClock clock = SimClock.frozenAt(Instant.parse("2026-11-23T10:00:00Z"));

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    auth = AuthClient.builder().supabaseUrl(server.url("/").toString()).apiKey("anon-key").clock(clock).build();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  Session session(String access, String refresh, Instant expiresAt) {
    return new Session(access, refresh, expiresAt, null);
  }

  static String answer(String access, String refresh, Instant expiresAt) {
    return "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"expires_in\":3600,\"expires_at\":"
        + expiresAt.getEpochSecond() + ",\"refresh_token\":\"" + refresh + "\",\"user\":null}";
  }

  @Test
  void thirtyTwoThreadsAcrossTheExpiryMakeExactlyOneRefresh() throws Exception {
    SessionStore store = SessionStore.inMemory();
    RefreshingSession s = new RefreshingSession(auth, session("a-1", "r-1", clock.instant().plusSeconds(3600)), store, clock,
        Duration.ofSeconds(60));
    assertThat(s.accessToken()).isEqualTo("a-1");
    server.enqueue(new MockResponse().setBody(answer("a-2", "r-2", clock.instant().plusSeconds(7200)))
        .setHeadersDelay(200, java.util.concurrent.TimeUnit.MILLISECONDS));
    clock.advance(Duration.ofSeconds(3550));   // within the 60 s margin
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Callable<String>> calls = IntStream.range(0, 32).<Callable<String>>mapToObj(i -> () -> {
        go.await();
        return s.accessToken();
      }).toList();
      List<Future<String>> futures = calls.stream().map(pool::submit).toList();
      go.countDown();
      Set<String> tokens = futures.stream().map(RefreshingSessionTest::get).collect(Collectors.toSet());
      assertThat(tokens).containsExactly("a-2");
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.getRequestCount()).as("refresh requests").isEqualTo(1);
    assertThat(server.takeRequest().getPath()).isEqualTo("/auth/v1/token?grant_type=refresh_token");
    assertThat(s.refreshCount()).isEqualTo(1);
    assertThat(store.load().orElseThrow().refreshToken()).isEqualTo("r-2");
  }

  @Test
  void aRefusedRefreshTokenClearsTheStoreAndSaysSignInAgain() {
    SessionStore store = SessionStore.inMemory();
    RefreshingSession s = new RefreshingSession(auth, session("a-1", "r-1", clock.instant().plusSeconds(30)), store, clock,
        Duration.ofSeconds(60));
    server.enqueue(new MockResponse().setResponseCode(400)
        .setBody("{\"code\":400,\"error_code\":\"refresh_token_already_used\",\"msg\":\"Invalid Refresh Token: Already Used\"}"));
    assertThat(s.accessToken()).as("a 30 s token is refreshed halfway, not at once").isEqualTo("a-1");
    clock.advance(Duration.ofSeconds(20));
    AuthenticationException e = catchThrowableOfType(s::accessToken, AuthenticationException.class);
    assertThat(e.code()).isEqualTo("refresh_token_already_used");
    assertThat(store.load()).isEmpty();
    assertThat(catchThrowableOfType(s::accessToken, AuthenticationException.class).code()).isEqualTo("session_not_found");
    assertThat(s.toString()).doesNotContain("r-1").doesNotContain("a-1");
  }

  static String get(Future<String> f) {
    try {
      return f.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
