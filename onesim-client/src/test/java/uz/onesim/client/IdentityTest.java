package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.client.auth.AuthClient;
import uz.onesim.client.auth.AuthUser;
import uz.onesim.client.auth.RefreshingSession;
import uz.onesim.testkit.SimClock;
import uz.onesim.client.auth.Session;
import uz.onesim.client.auth.SessionStore;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.core.Amounts;
import uz.onesim.core.AuthenticationException;
import uz.onesim.core.ConflictException;
import uz.onesim.core.PermissionException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** Sign-in and self-refreshing sessions end to end: the SDK against LocalSupabase's Supabase Auth. */
class IdentityTest {
  static LocalSupabase supabase;
  static AuthClient admin;

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
    supabase.auth().refreshTokenReuseInterval(Duration.ZERO);
    admin = AuthClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.secretKey()).build();
  }

  static OneSim onesim(SimClock clock, SessionStore store) {
    return OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).clock(clock).sessionStore(store).build();
  }

  /** A partner whose owner has a password (the admin creates the user; the partner row as OneSIM's backend would). */
  static String partnerWithPassword(String email, String password) {
    AuthUser user = admin.adminCreateUser(email, password, Map.of());
    supabase.database().update(Identity.superuser(), "update profiles set user_type = 'partner' where id = ?", user.id());
    supabase.database().update(Identity.superuser(), "insert into partners (user_id, company_name, business_email, "
        + "custom_discount_rate, status) values (?, 'Samarkand Trails', ?, 7.50, 'active')", user.id(), email);
    supabase.database().update(Identity.superuser(), "insert into partner_ledger (partner_id, kind, amount_usd, reference) "
        + "select id, 'funding', 1000, 'test' from partners where user_id = ?", user.id());
    return email;
  }

  @Test
  void signUpSignInAndTheServerKnowsTheUser() {
    OneSim onesim = onesim(SimClock.frozenAt(Instant.now()), SessionStore.inMemory());
    OneSim.UserSession created = onesim.signUp("nodir@example.com", "correct horse", Map.of("first_name", "Nodir"));
    Session s = created.session().orElseThrow().session();
    assertThat(onesim.auth().user(s.accessToken()).email()).isEqualTo("nodir@example.com");
    assertThat(supabase.database().value(Identity.superuser(), "select first_name from profiles where id = ?", s.user().id()))
        .isEqualTo("Nodir");
    AuthenticationException wrong = catchThrowableOfType(() -> onesim.signIn("nodir@example.com", "wrong horse"),
        AuthenticationException.class);
    assertThat(wrong.code()).isEqualTo("invalid_credentials");
    assertThat(wrong.getMessage()).doesNotContain("wrong horse");
    ConflictException twice = catchThrowableOfType(() -> onesim.signUp("Nodir@Example.com", "correct horse", null),
        ConflictException.class);
    assertThat(twice.code()).isEqualTo("user_already_exists");
    assertThat(catchThrowableOfType(() -> onesim.auth().adminCreateUser("x@example.com", "secret1", null),
        PermissionException.class).code()).isEqualTo("not_admin");
  }

  @Test
  void aSignedInPartnerBuysAtItsRateAndTheSessionRefreshesItselfOnceFor32Threads() throws Exception {
    String email = partnerWithPassword("ops@samarkandtrails.uz", "trails-2026");
    supabase.auth().accessTokenLifetime(Duration.ofSeconds(120));
    SimClock clock = SimClock.frozenAt(Instant.now());
    OneSim onesim = onesim(clock, SessionStore.inMemory());
    OneSim.UserSession partner = onesim.signIn(email, "trails-2026");
    PartnerCustomer traveller = partner.customers().save(NewCustomer.of("Malika", "Tursunova", "malika@example.com", null));
    List<Order> bought = partner.orders().buyForCustomer(traveller.id(), SampleData.TR_1GB, 1, CallOptions.none());
    assertThat(bought.get(0).paid()).isEqualTo(Amounts.usd("13.87"));   // 15.00 at 7.50 %: 1.125 -> 1.13 off

    RefreshingSession session = partner.session().orElseThrow();
    String before = session.session().refreshToken();
    clock.advance(Duration.ofSeconds(90));   // inside the 60 s margin of the 120 s token
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Callable<Integer>> calls = IntStream.range(0, 32).<Callable<Integer>>mapToObj(i -> () -> {
        go.await();
        return partner.customers().list(null, 0, 10).rows().size();
      }).toList();
      List<Future<Integer>> futures = calls.stream().map(pool::submit).toList();
      go.countDown();
      for (Future<Integer> f : futures) {
        assertThat(f.get()).isGreaterThanOrEqualTo(1);   // no call failed
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(session.refreshCount()).as("refreshes across 32 threads").isEqualTo(1);
    assertThat(session.session().refreshToken()).as("rotated").isNotEqualTo(before);
    supabase.auth().accessTokenLifetime(Duration.ofHours(1));
  }

  @Test
  void aReusedRefreshTokenIsRefusedAndEndsThatSession() {
    String email = partnerWithPassword("desk@bukhara-tours.uz", "bukhara-2026");
    SimClock clock = SimClock.frozenAt(Instant.now());
    SessionStore store = SessionStore.inMemory();
    OneSim onesim = onesim(clock, store);
    OneSim.UserSession partner = onesim.signIn(email, "bukhara-2026");
    String first = partner.session().orElseThrow().session().refreshToken();
    Session rotated = onesim.auth().refresh(first);
    AuthenticationException reuse = catchThrowableOfType(() -> onesim.auth().refresh(first), AuthenticationException.class);
    assertThat(reuse.code()).isEqualTo("refresh_token_already_used");
    AuthenticationException family = catchThrowableOfType(() -> onesim.auth().refresh(rotated.refreshToken()),
        AuthenticationException.class);
    assertThat(family.code()).as("reuse revokes the whole session").isEqualTo("refresh_token_already_used");
  }

  @Test
  void aStoredSessionSurvivesARestartAndSignOutEndsIt() {
    String email = partnerWithPassword("night@khiva-travel.uz", "khiva-2026");
    SessionStore store = SessionStore.inMemory();
    SimClock clock = SimClock.frozenAt(Instant.now());
    onesim(clock, store).signIn(email, "khiva-2026");
    OneSim afterRestart = onesim(clock, store);
    OneSim.UserSession resumed = afterRestart.resume();
    assertThat(resumed.partner().get().companyName()).isEqualTo("Samarkand Trails");
    String refresh = store.load().orElseThrow().refreshToken();
    resumed.signOut();
    assertThat(store.load()).isEmpty();
    assertThat(catchThrowableOfType(() -> afterRestart.auth().refresh(refresh), AuthenticationException.class)).isNotNull();
    assertThat(catchThrowableOfType(afterRestart::resume, AuthenticationException.class).code()).isEqualTo("session_not_found");
  }
}
