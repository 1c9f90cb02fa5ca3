package uz.onesim.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The testkit's gateway streams a response as its upstream writes it (issue 29): the first part of
 * a body reaches the client while the upstream still holds the rest, and the body arrives whole
 * and unchanged, with the upstream's length when it gave one.
 */
class GatewayStreamingTest {
  static final String FIRST = "[" + "{\"n\":1},".repeat(4_000);   // about 32 KB
  static final String REST = "{\"n\":2}]";

  @Test
  void theFirstPartOfABodyArrivesWhileTheUpstreamStillHoldsTheRest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    upstream.createContext("/", ex -> {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 0);   // chunked, as PostgREST may send it
      try (OutputStream out = ex.getResponseBody()) {
        out.write(FIRST.getBytes(StandardCharsets.UTF_8));
        out.flush();
        release.await(10, TimeUnit.SECONDS);
        out.write(REST.getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    upstream.start();
    try (Gateway gateway = new Gateway(upstream.getAddress().getPort(), Map.of("key", "key-jwt"), null, null)) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + gateway.port() + "/rest/v1/orders?select=id")).header("apikey", "key").build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      try (InputStream body = response.body()) {
        byte[] first = CompletableFuture.supplyAsync(() -> {
          try {
            return body.readNBytes(FIRST.length());
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).get(5, TimeUnit.SECONDS);
        assertThat(release.getCount()).as("the upstream is still holding the rest").isEqualTo(1);
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(FIRST);
        release.countDown();
        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(REST);
      }
    } finally {
      release.countDown();
      upstream.stop(0);
    }
  }

  @Test
  void aBodyWithALengthKeepsIt() throws Exception {
    byte[] json = ("[" + "{\"n\":3},".repeat(1_000) + "{\"n\":4}]").getBytes(StandardCharsets.UTF_8);
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    upstream.createContext("/", ex -> {
      ex.sendResponseHeaders(200, json.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(json);
      }
    });
    upstream.start();
    try (Gateway gateway = new Gateway(upstream.getAddress().getPort(), Map.of("key", "key-jwt"), null, null)) {
      HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + gateway.port() + "/rest/v1/orders")).header("apikey", "key").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.headers().firstValueAsLong("content-length")).hasValue(json.length);
      assertThat(response.body()).isEqualTo(json);
    } finally {
      upstream.stop(0);
    }
  }
}
