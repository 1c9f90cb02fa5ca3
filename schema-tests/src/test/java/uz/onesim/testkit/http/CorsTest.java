package uz.onesim.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;

/** A storefront page in a browser can call LocalSupabase: CORS like Supabase's gateway. */
@org.junit.jupiter.api.parallel.ResourceLock(LocalSupabaseExtension.SHARED_STACK)
class CorsTest {
  static final String ORIGIN = "http://localhost:5173";
  static LocalSupabase supabase;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
  }

  static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPreflightWithoutAKeyIsAnsweredWithWhatABrowserNeeds() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(supabase.url() + "/rest/v1/esim_packages"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "apikey,authorization,x-client-info,accept-profile"));
    assertThat(r.statusCode()).isBetween(200, 204);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("GET", "POST", "PATCH", "DELETE");
    assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
        .contains("apikey", "authorization", "x-client-info", "accept-profile");
    assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
  }

  @Test
  void realResponsesAndErrorsCarryTheCorsHeaders() throws Exception {
    HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(supabase.url() + "/rest/v1/esim_packages?select=package_code&limit=1"))
        .header("Origin", ORIGIN).header("apikey", supabase.anonKey()));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().allValues("Access-Control-Allow-Origin")).containsExactly(ORIGIN);
    assertThat(ok.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Content-Range");

    HttpResponse<String> noKey = send(HttpRequest.newBuilder(URI.create(supabase.url() + "/rest/v1/esim_packages"))
        .header("Origin", ORIGIN));
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);

    HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(supabase.url() + "/rest/v1/partners"))
        .header("Origin", ORIGIN).header("apikey", supabase.anonKey())
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"active\"}")).header("Content-Type", "application/json"));
    assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
  }

  @Test
  void aPlainOptionsWithoutOriginIsNotAPreflightAndStillNeedsAKey() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(supabase.url() + "/rest/v1/esim_packages"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).isEqualTo(401);
  }
}
