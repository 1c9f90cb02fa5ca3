package uz.onesim.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.PartnerAccount;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.internal.PostgrestBinary;
import uz.onesim.testkit.internal.PostgrestProcess;

/** LocalSupabase behaves like a Supabase project's REST endpoint. */
class LocalSupabaseTest {
  static LocalSupabase supabase;

  @BeforeAll
  static void start() {
    supabase = LocalSupabase.start();
    System.out.println("LocalSupabase start (database clone + PostgREST + gateway): " + supabase.startupTime().toMillis() + " ms");
  }

  @AfterAll
  static void stop() {
    supabase.close();
  }

  Http.Resp get(String path, String apikey, String bearer) {
    return Http.send(supabase.url(), "GET", path, apikey, bearer, null);
  }

  @Test
  void anonKeyReadsTheActiveCatalogueThroughRestV1() {
    Http.Resp r = get("/rest/v1/esim_packages?select=package_code&order=package_code", supabase.anonKey(), null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.ids("package_code")).hasSize(7).doesNotContain(SampleData.RETIRED).contains(SampleData.TR_1GB);
  }

  @Test
  void missingOrWrongApiKeyIsRefusedLikeSupabase() {
    Http.Resp none = get("/rest/v1/esim_packages", null, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().path("message").asText()).isEqualTo("No API key found in request");
    Http.Resp wrong = get("/rest/v1/esim_packages", "not-a-key", null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().path("message").asText()).isEqualTo("Invalid API key");
    Http.Resp foreign = get("/rest/v1/esim_packages", supabase.wronglySignedJwt(SampleData.CUSTOMER_USER), null);
    assertThat(foreign.status()).isEqualTo(401);
    assertThat(get("/esim_packages", supabase.anonKey(), null).status()).isEqualTo(404);
  }

  @Test
  void apiKeyAlsoWorksAsQueryParameterAndIsNotForwarded() {
    Http.Resp r = get("/rest/v1/fx_rates?select=uzs_per_usd&apikey=" + supabase.anonKey(), null, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get(0).path("uzs_per_usd").decimalValue()).isEqualByComparingTo("12650");
  }

  @Test
  void newStyleKeysMapToAnonAndServiceRole() {
    assertThat(get("/rest/v1/esim_packages?select=package_code", supabase.publishableKey(), null).rows()).hasSize(7);
    assertThat(get("/rest/v1/esim_packages?select=package_code", supabase.secretKey(), null).rows()).hasSize(8);
    assertThat(get("/rest/v1/esim_packages?select=package_code", supabase.serviceRoleKey(), null).rows()).hasSize(8);
    // supabase-js sends the key as bearer too when there is no session
    assertThat(get("/rest/v1/esim_packages?select=package_code", supabase.secretKey(), supabase.secretKey()).rows()).hasSize(8);
  }

  @Test
  void userJwtAppliesThatUsersRowLevelSecurity() {
    Http.Resp r = get("/rest/v1/partners?select=id,company_name", supabase.anonKey(), supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.ids("id")).containsExactly(SampleData.GRAND_TRAVEL.toString());
    // A user token wins over the service key: the user's policies apply.
    Http.Resp asUser = get("/rest/v1/partners?select=id", supabase.serviceRoleKey(), supabase.userJwt(SampleData.SILK_ROAD_USER));
    assertThat(asUser.ids("id")).containsExactly(SampleData.SILK_ROAD.toString());
  }

  @Test
  void expiredAndWronglySignedTokensGet401() {
    Http.Resp expired = get("/rest/v1/partners", supabase.anonKey(), supabase.expiredJwt(SampleData.GRAND_TRAVEL_USER));
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.code()).isEqualTo("PGRST301");
    assertThat(expired.json().path("message").asText()).containsIgnoringCase("expired");
    Http.Resp forged = get("/rest/v1/partners", supabase.anonKey(), supabase.wronglySignedJwt(SampleData.GRAND_TRAVEL_USER));
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.code()).isEqualTo("PGRST301");
  }

  @Test
  void exactCountsAndMaxRows() {
    Http.Resp r = Http.send(supabase.url(), "GET", "/rest/v1/esim_packages?select=package_code&limit=2", supabase.anonKey(), null, null,
        "Prefer", "count=exact");
    assertThat(r.headers().firstValue("Content-Range")).hasValue("0-1/7");
  }

  @Test
  void helpersCreateUsersAndPartners() {
    PartnerAccount p = supabase.createPartner("Samarkand Trips", "trips@example.com", new java.math.BigDecimal("7.50"), "active");
    Http.Resp r = get("/rest/v1/partners?select=id,effective_discount_rate", supabase.anonKey(), supabase.userJwt(p.userId()));
    assertThat(r.ids("id")).containsExactly(p.partnerId().toString());
    assertThat(r.json().get(0).path("effective_discount_rate").decimalValue()).isEqualByComparingTo("7.50");
    assertThat(supabase.toString()).doesNotContain(supabase.anonKey()).doesNotContain(supabase.secretKey());
  }

  @Test
  void closeStopsPostgrestAndTheGateway() throws Exception {
    LocalSupabase other = LocalSupabase.start(false);
    int port = Integer.parseInt(other.url().substring(other.url().lastIndexOf(':') + 1));
    int pgrstPort = Integer.parseInt(other.postgrestUrl().substring(other.postgrestUrl().lastIndexOf(':') + 1));
    assertThat(Http.send(other.url(), "GET", "/rest/v1/fx_rates", other.anonKey(), null, null).status()).isEqualTo(200);
    other.close();
    other.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", pgrstPort).close()).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
  }

  @Test
  void aFailedStartLeavesNoProcessBehind() {
    long before = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    assertThatThrownBy(() -> PostgrestProcess.start(PostgrestBinary.resolve(), LocalPostgres.shared().port(), "no_such_database",
            "x".repeat(40), Duration.ofMillis(1500)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not ready");
    long after = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    assertThat(after).isEqualTo(before);
  }

  @Test
  void claimsCarryAppMetadataNotUserMetadataForAuthorization() throws Exception {
    String jwt = supabase.userJwt(SampleData.CUSTOMER_USER, "dilnoza@example.com", Map.of("tier", "gold"));
    String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
    var claims = Http.JSON.readTree(payload);
    assertThat(claims.path("role").asText()).isEqualTo("authenticated");
    assertThat(claims.path("aud").asText()).isEqualTo("authenticated");
    assertThat(claims.path("sub").asText()).isEqualTo(SampleData.CUSTOMER_USER.toString());
    assertThat(claims.path("app_metadata").path("tier").asText()).isEqualTo("gold");
    assertThat(claims.path("user_metadata").isEmpty()).isTrue();
    assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
  }
}
