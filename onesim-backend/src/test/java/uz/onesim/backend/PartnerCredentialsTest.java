package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.client.CallOptions;
import uz.onesim.client.NewCustomer;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.client.PartnerCredential;
import uz.onesim.client.PartnerCustomer;
import uz.onesim.client.auth.PartnerApiKey;
import uz.onesim.client.auth.SessionStore;
import uz.onesim.core.AuthenticationException;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.NotFoundException;
import uz.onesim.core.PermissionException;
import uz.onesim.core.ValidationException;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.PartnerAccount;
import uz.onesim.testkit.SampleData;

/** Integration credentials end to end: issue, sign in and buy as the partner, list, rotate, revoke. */
class PartnerCredentialsTest {
  static LocalSupabase supabase;
  static EsimAccessSimulator sim;
  static OneSimBackend backend;
  static OneSim onesim;
  static PartnerAccount partner;

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
    sim = EsimAccessSimulator.builder().balanceUsd("100").build();
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
        .esimAccess(EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey()).build())
        .build();
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).sessionStore(SessionStore.inMemory()).build();
    partner = supabase.createPartner("Samarkand Trails", "owner@samarkand.example", new BigDecimal("7.50"), "active");
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void aServerSignsInWithItsKeyAndActsAsThePartnerUntilTheKeyIsRotatedOrRevoked() {
    IssuedCredential issued = backend.credentials().issue(partner.partnerId(), "booking engine", partner.userId());
    assertThat(issued.apiKey()).startsWith("osk_").hasSize(4 + 32 + 1 + 43);
    assertThat(issued.toString()).doesNotContain(issued.key().secret()).contains("key redacted");
    assertThat(supabase.database().value(Identity.superuser(),
        "select count(*) from auth.users where email = ? and encrypted_password like '$2%'", issued.key().loginEmail()))
        .as("Supabase Auth keeps only a bcrypt hash of the secret").isEqualTo(1L);

    OneSim.UserSession server = onesim.signInWithApiKey(issued.apiKey());
    assertThat(server.partner().get().id()).isEqualTo(partner.partnerId());
    PartnerCustomer traveller = server.customers().save(NewCustomer.of("Madina", "Yusupova", "madina@example.com", null));
    List<Order> bought = server.orders().buyForCustomer(traveller.id(), SampleData.TR_1GB, 1, CallOptions.none());
    assertThat(bought).singleElement().satisfies(o -> {
      assertThat(o.partnerId()).isEqualTo(partner.partnerId());
      assertThat(o.discountRate()).isEqualTo(DiscountRate.of("7.50"));
    });

    OneSim.UserSession owner = onesim.signIn(supabase.setPassword(partner.userId(), "owner password 1"), "owner password 1");
    assertThat(owner.partner().credentials()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(issued.id());
      assertThat(c.label()).isEqualTo("booking engine");
      assertThat(c.createdBy()).isEqualTo(partner.userId());
      assertThat(c.live()).isTrue();
      assertThat(c.lastSignInAt()).as("the server's sign-in is recorded").isNotNull();
    });
    assertThat(server.partner().credentials()).extracting(PartnerCredential::id).containsExactly(issued.id());

    // Another partner sees only its own.
    OneSim.UserSession other = onesim.asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    assertThat(other.partner().credentials()).extracting(PartnerCredential::id).containsExactly(SampleData.GRAND_TRAVEL_CREDENTIAL);

    // Rotate: the new key works, the old one is refused, and its open session acts for nobody.
    IssuedCredential next = backend.credentials().rotate(issued.id(), partner.userId());
    AuthenticationException refused = catchThrowableOfType(() -> onesim.signInWithApiKey(issued.apiKey()), AuthenticationException.class);
    assertThat(refused.code()).isEqualTo("invalid_credentials");
    assertThat(refused.getMessage()).doesNotContain(issued.key().secret());
    NotFoundException nobody = catchThrowableOfType(() -> server.partner().get(), NotFoundException.class);
    assertThat(nobody.code()).isEqualTo("not_a_partner");
    // nor buys for it: the purchase runs as the owner and asks who the caller's partner is itself
    PermissionException noPurchase = catchThrowableOfType(
        () -> server.orders().buyForCustomer(traveller.id(), SampleData.TR_1GB, 1, CallOptions.none()), PermissionException.class);
    assertThat(noPurchase.code()).isEqualTo("not_a_partner");
    String oldRefresh = server.session().orElseThrow().session().refreshToken();
    assertThat(catchThrowableOfType(() -> onesim.auth().refresh(oldRefresh), AuthenticationException.class).code())
        .as("a revoked credential cannot refresh either").isEqualTo("user_banned");
    assertThat(onesim.signInWithApiKey(next.apiKey()).partner().get().id()).isEqualTo(partner.partnerId());

    backend.credentials().revoke(next.id());
    backend.credentials().revoke(next.id());   // twice: no change, no error
    assertThat(catchThrowableOfType(() -> onesim.signInWithApiKey(next.apiKey()), AuthenticationException.class)).isNotNull();
    assertThat(backend.credentials().list(partner.partnerId())).hasSize(2).noneMatch(PartnerCredential::live);
    assertThat(supabase.database().value(Identity.superuser(), "select count(*) from orders where partner_id = ?", partner.partnerId()))
        .as("nothing the revoked keys did was undone").isEqualTo(1L);
  }

  @Test
  void badKeysAndLabelsAreTypedRefusalsThatNeverRepeatTheKey() {
    String almost = "osk_" + "0".repeat(32) + "_short";
    ValidationException malformed = catchThrowableOfType(() -> onesim.signInWithApiKey(almost), ValidationException.class);
    assertThat(malformed.has("apiKey", "malformed")).isTrue();
    assertThat(malformed.getMessage()).doesNotContain("short");
    assertThat(catchThrowableOfType(() -> onesim.signInWithApiKey(
        PartnerApiKey.of(UUID.randomUUID(), "A".repeat(43)).value()), AuthenticationException.class).code())
        .isEqualTo("invalid_credentials");
    assertThat(catchThrowableOfType(() -> backend.credentials().issue(partner.partnerId(), " ", null), ValidationException.class)
        .has("label", "invalid_label")).isTrue();
    assertThat(catchThrowableOfType(() -> backend.credentials().issue(UUID.randomUUID(), "x", null), NotFoundException.class)
        .code()).isEqualTo("unknown_partner");
    assertThat(PartnerApiKey.of(UUID.randomUUID(), "B".repeat(43)).toString()).doesNotContain("BBBB");
  }

  @Test
  void anIntegrationUserCannotIssueOrReviveCredentials() {
    IssuedCredential issued = backend.credentials().issue(partner.partnerId(), "reporting", null);
    OneSim.UserSession server = onesim.signInWithApiKey(issued.apiKey());
    var db = server.session().orElseThrow();
    String jwt = db.get();
    uz.onesim.client.postgrest.PostgrestClient raw = uz.onesim.client.postgrest.PostgrestClient.builder()
        .supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build().withUserJwt(jwt);
    assertThat(catchThrowableOfType(() -> raw.from("partner_credentials")
        .insert(java.util.Map.of("id", UUID.randomUUID(), "partner_id", partner.partnerId(), "label", "mine")).execute(),
        uz.onesim.core.OneSimException.class)).isNotNull();
    backend.credentials().revoke(issued.id());
    assertThat(catchThrowableOfType(() -> raw.from("partner_credentials").update(java.util.Map.of("label", "revived"))
        .eq("id", issued.id()).execute(), uz.onesim.core.OneSimException.class)).isNotNull();
    assertThat(supabase.database().value(Identity.superuser(), "select revoked_at is not null and label = 'reporting' "
        + "from partner_credentials where id = ?", issued.id())).isEqualTo(true);
  }
}
