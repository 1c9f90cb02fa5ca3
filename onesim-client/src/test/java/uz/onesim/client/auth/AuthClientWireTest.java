package uz.onesim.client.auth;

import uz.onesim.testkit.SimClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.core.ApiException;
import uz.onesim.core.AuthenticationException;
import uz.onesim.core.BadRequestException;
import uz.onesim.core.ConflictException;
import uz.onesim.core.PermissionException;
import uz.onesim.core.RateLimitedException;
import uz.onesim.core.ServerException;

/** The exact requests AuthClient sends to Supabase Auth, and how it reads the documented answers. */
class AuthClientWireTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String USER_ID = "5d1f0c2e-6a43-4f5b-9a07-4d7b8e3c2a11";
  static final String SESSION = """
      {"access_token":"eyJ.access.1","token_type":"bearer","expires_in":3600,"expires_at":1800000000,
       "refresh_token":"r-1","user":{"id":"%s","aud":"authenticated","role":"authenticated",
       "email":"ops@grandtravel.uz","app_metadata":{"provider":"email","providers":["email"]},
       "user_metadata":{"first_name":"Ops"},"created_at":"2026-11-01T10:00:00Z"}}""".formatted(USER_ID);

  MockWebServer server;
  AuthClient auth;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    auth = AuthClient.builder().supabaseUrl(server.url("/").toString()).apiKey("anon-key")
        .clock(SimClock.frozenAt(Instant.parse("2026-11-23T10:00:00Z"))).build();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  static JsonNode body(RecordedRequest r) throws Exception {
    return JSON.readTree(r.getBody().readUtf8());
  }

  @Test
  void passwordSignInIsOnePostToTheTokenEndpoint() throws Exception {
    server.enqueue(json(200, SESSION));
    Session s = auth.signInWithPassword("ops@grandtravel.uz", "s3cret-pass");
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/auth/v1/token?grant_type=password");
    assertThat(r.getHeader("apikey")).isEqualTo("anon-key");
    assertThat(r.getHeader("Authorization")).isNull();
    assertThat(body(r)).isEqualTo(JSON.readTree("{\"email\":\"ops@grandtravel.uz\",\"password\":\"s3cret-pass\"}"));
    assertThat(s.accessToken()).isEqualTo("eyJ.access.1");
    assertThat(s.refreshToken()).isEqualTo("r-1");
    assertThat(s.expiresAt()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));   // expires_in on our clock
    assertThat(s.user().id()).isEqualTo(UUID.fromString(USER_ID));
    assertThat(s.user().userMetadata()).containsEntry("first_name", "Ops");
    assertThat(s.toString()).doesNotContain("eyJ.access.1").doesNotContain("r-1");
  }

  @Test
  void refreshSignUpSignOutUserAndAdminCallsHaveTheirDocumentedShapes() throws Exception {
    server.enqueue(json(200, SESSION));
    auth.refresh("r-0");
    RecordedRequest refresh = server.takeRequest();
    assertThat(refresh.getPath()).isEqualTo("/auth/v1/token?grant_type=refresh_token");
    assertThat(body(refresh)).isEqualTo(JSON.readTree("{\"refresh_token\":\"r-0\"}"));

    server.enqueue(json(200, SESSION));
    auth.signUp("new@agency.uz", "s3cret-pass", Map.of("first_name", "New"));
    RecordedRequest signup = server.takeRequest();
    assertThat(signup.getPath()).isEqualTo("/auth/v1/signup");
    assertThat(body(signup).path("data").path("first_name").asText()).isEqualTo("New");

    server.enqueue(new MockResponse().setResponseCode(204));
    auth.signOut("eyJ.access.1");
    RecordedRequest logout = server.takeRequest();
    assertThat(logout.getPath()).isEqualTo("/auth/v1/logout");
    assertThat(logout.getHeader("Authorization")).isEqualTo("Bearer eyJ.access.1");

    server.enqueue(json(200, JSON.readTree(SESSION).get("user").toString()));
    assertThat(auth.user("eyJ.access.1").email()).isEqualTo("ops@grandtravel.uz");
    RecordedRequest user = server.takeRequest();
    assertThat(user.getMethod()).isEqualTo("GET");
    assertThat(user.getPath()).isEqualTo("/auth/v1/user");
    assertThat(user.getHeader("Authorization")).isEqualTo("Bearer eyJ.access.1");

    AuthClient admin = AuthClient.builder().supabaseUrl(server.url("/").toString()).apiKey("service-key").build();
    server.enqueue(json(200, JSON.readTree(SESSION).get("user").toString()));
    admin.adminCreateUser("ops@grandtravel.uz", "s3cret-pass", Map.of("onesim_role", "partner"));
    RecordedRequest create = server.takeRequest();
    assertThat(create.getPath()).isEqualTo("/auth/v1/admin/users");
    assertThat(create.getHeader("Authorization")).isEqualTo("Bearer service-key");
    JsonNode created = body(create);
    assertThat(created.path("email_confirm").asBoolean()).isTrue();
    assertThat(created.path("app_metadata").path("onesim_role").asText()).isEqualTo("partner");
  }

  @Test
  void documentedErrorsBecomeTypedExceptionsWithTheMachineCode() {
    assertCode(400, "{\"code\":400,\"error_code\":\"invalid_credentials\",\"msg\":\"Invalid login credentials\"}",
        AuthenticationException.class, "invalid_credentials");
    assertCode(400, "{\"code\":400,\"error_code\":\"refresh_token_already_used\",\"msg\":\"Invalid Refresh Token: Already Used\"}",
        AuthenticationException.class, "refresh_token_already_used");
    assertCode(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid Refresh Token: Refresh Token Not Found\"}",
        AuthenticationException.class, "invalid_grant");
    assertCode(422, "{\"code\":422,\"error_code\":\"weak_password\",\"msg\":\"Password should be at least 6 characters.\"}",
        BadRequestException.class, "weak_password");
    assertCode(422, "{\"code\":422,\"error_code\":\"user_already_exists\",\"msg\":\"User already registered\"}",
        ConflictException.class, "user_already_exists");
    assertCode(403, "{\"code\":403,\"error_code\":\"not_admin\",\"msg\":\"User not allowed\"}", PermissionException.class, "not_admin");
    assertCode(429, "{\"code\":429,\"error_code\":\"over_request_rate_limit\",\"msg\":\"Request rate limit reached\"}",
        RateLimitedException.class, "over_request_rate_limit");
    assertCode(502, "<html>bad gateway</html>", ServerException.class, "service_unavailable");
  }

  void assertCode(int status, String body, Class<? extends ApiException> type, String code) {
    server.enqueue(json(status, body));
    ApiException e = catchThrowableOfType(() -> auth.signInWithPassword("ops@grandtravel.uz", "p4ssw0rd-secret"), type);
    assertThat(e).as(body).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).doesNotContain("p4ssw0rd-secret");
    assertThat(auth.toString()).doesNotContain("anon-key");
  }
}
