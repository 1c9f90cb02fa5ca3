package uz.onesim.testkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A few lines of HTTP against LocalSupabase's gateway, as a Supabase client would send them. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** What came back. */
  record Resp(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String code() {
      return body.isEmpty() ? null : json().path("code").asText(null);
    }

    Set<String> ids(String field) {
      Set<String> out = new HashSet<>();
      json().forEach(n -> out.add(n.path(field).asText()));
      return out;
    }

    List<JsonNode> rows() {
      List<JsonNode> out = new ArrayList<>();
      json().forEach(out::add);
      return out;
    }
  }

  private Http() {}

  /**
   * Sends {@code method path} to {@code baseUrl} with {@code apikey} and, if given, a bearer token.
   * {@code headers} are name/value pairs.
   */
  static Resp send(String baseUrl, String method, String path, String apikey, String bearer, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (apikey != null) {
      b.header("apikey", apikey);
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
