package uz.onesim.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A thin stand-in for Supabase's API gateway in front of PostgREST: serves {@code /rest/v1/*},
 * requires a known {@code apikey} (header or query parameter; 401 with Supabase's JSON otherwise),
 * passes {@code Authorization: Bearer <user JWT>} through, and, when no user token is sent (or
 * the bearer is the key itself), sends the JWT that stands behind the key. CORS as Supabase does it
 * ({@link Cors}): preflights answered without a key, CORS headers on every response. Responses
 * stream through (a large export is never held whole in the gateway).
 */
public final class Gateway implements AutoCloseable {
  static {
    // The JDK server leaves Nagle on by default: with delayed ACKs every response then waits ~40 ms.
    // Read once when the first HttpServer starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final String PREFIX = "/rest/v1";
  private static final String AUTH_PREFIX = "/auth/v1";
  private static final Set<String> NOT_FORWARDED = Set.of(
      "host", "content-length", "connection", "expect", "upgrade", "transfer-encoding", "keep-alive", "date", "from",
      "via", "warning", "apikey", "authorization");
  private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH");
  private static final Set<String> NOT_RETURNED = Set.of("transfer-encoding", "content-length", "connection", "date");

  private final HttpServer server;
  private final ExecutorService executor;
  private final OkHttpClient http;
  private final int upstreamPort;
  private final Map<String, String> keyJwts;
  private final AuthServer auth;
  private final Jwts jwts;

  /**
   * @param keyJwts each accepted API key and the JWT sent upstream for it when no user token is given
   * @param auth serves {@code /auth/v1}
   * @param jwts verifies the tokens {@code /auth/v1} is called with
   */
  public Gateway(int upstreamPort, Map<String, String> keyJwts, AuthServer auth, Jwts jwts) {
    this.upstreamPort = upstreamPort;
    this.keyJwts = Map.copyOf(keyJwts);
    this.auth = auth;
    this.jwts = jwts;
    // OkHttp, not java.net.http: the JDK client's asynchronous machinery cost the gateway 2-2.7 ms of
    // CPU per request, twice PostgREST's own (issue 29). No read or call timeout: the gateway waits
    // as long as PostgREST works, as Supabase's does; a stale pooled connection is retried below.
    this.http = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ZERO).writeTimeout(Duration.ZERO).callTimeout(Duration.ZERO)
        .connectionPool(new ConnectionPool(32, 20, TimeUnit.SECONDS))   // Warp (PostgREST's server) closes idle ones
        .retryOnConnectionFailure(false).followRedirects(false).followSslRedirects(false)
        .build();
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the gateway", e);
    }
    executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "onesim-gateway");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      forward(ex);
    } catch (RuntimeException e) {
      send(ex, 502, "{\"message\":\"gateway error: " + e.getClass().getSimpleName() + "\"}");
    }
  }

  private void forward(HttpExchange ex) throws IOException {
    {
      if (Cors.isPreflight(ex)) {
        Cors.answerPreflight(ex);
        return;
      }
      URI uri = ex.getRequestURI();
      String path = uri.getRawPath();
      boolean authPath = path.startsWith(AUTH_PREFIX + "/");
      if (!authPath && !path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
        send(ex, 404, "{\"message\":\"no Route matched with those values\"}");
        return;
      }
      String apikey = ex.getRequestHeaders().getFirst("apikey");
      if (apikey == null) {
        apikey = queryParam(uri.getRawQuery(), "apikey");
      }
      if (apikey == null) {
        send(ex, 401, "{\"message\":\"No API key found in request\",\"hint\":\"No `apikey` request header or url param was found.\"}");
        return;
      }
      String keyJwt = keyJwts.get(apikey);
      if (keyJwt == null) {
        send(ex, 401, "{\"message\":\"Invalid API key\",\"hint\":\"Double check your Supabase `anon` or `service_role` API key.\"}");
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      String bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
      String upstreamJwt = bearer == null ? keyJwt : keyJwts.getOrDefault(bearer, bearer);
      if (authPath) {
        java.util.Map<String, Object> claims = jwts.verify(upstreamJwt);
        if (claims == null) {
          send(ex, 403, "{\"code\":403,\"error_code\":\"bad_jwt\",\"msg\":\"invalid JWT: unable to parse or verify signature, token is expired or malformed\"}");
          return;
        }
        Cors.addTo(ex);
        this.auth.handle(ex, path.substring(AUTH_PREFIX.length()), uri.getRawQuery(), claims);
        return;
      }

      String rest = path.substring(PREFIX.length());
      String query = withoutParam(uri.getRawQuery(), "apikey");
      String target = "http://127.0.0.1:" + upstreamPort + (rest.isEmpty() ? "/" : rest) + (query.isEmpty() ? "" : "?" + query);
      byte[] body = ex.getRequestBody().readAllBytes();
      String method = ex.getRequestMethod();
      // OkHttp wants no body on GET and HEAD and one (maybe empty) on POST, PUT and PATCH
      RequestBody upstreamBody = body.length == 0 && !BODY_REQUIRED.contains(method) ? null : RequestBody.create(body, null);
      Request.Builder req = new Request.Builder().url(target).method(method, upstreamBody)
          .header("Authorization", "Bearer " + upstreamJwt);
      ex.getRequestHeaders().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
          values.forEach(v -> req.addHeader(name, v));
        }
      });
      if (ex.getRequestHeaders().getFirst("Accept-Encoding") == null) {   // the JDK's Headers ignore case
        req.header("Accept-Encoding", "identity");   // else OkHttp asks for gzip and unzips on its own
      }
      Response resp;
      try {
        resp = forward(req.build());
      } catch (IOException e) {
        send(ex, 502, "{\"message\":\"An invalid response was received from the upstream server\"}");
        return;
      }
      try (resp) {
        resp.headers().names().forEach(name -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!NOT_RETURNED.contains(lower) && !lower.startsWith("access-control-")) {
            ex.getResponseHeaders().put(name, List.copyOf(resp.headers(name)));
          }
        });
        Cors.addTo(ex);
        // the body streams through as PostgREST writes it: with its length when it gave one, else chunked
        boolean noBody = "HEAD".equalsIgnoreCase(method) || resp.code() == 204 || resp.code() == 304;
        String lengthHeader = resp.header("Content-Length");
        long length = lengthHeader == null ? -1L : Long.parseLong(lengthHeader.trim());
        if (noBody || length == 0) {
          ex.sendResponseHeaders(resp.code(), -1);
          return;
        }
        ex.sendResponseHeaders(resp.code(), length > 0 ? length : 0);
        try (java.io.InputStream in = resp.body().byteStream(); OutputStream os = ex.getResponseBody()) {
          relay(in, os);
        }
      }
    }
  }

  /**
   * Copies as the upstream writes: what has arrived is flushed whenever nothing more is waiting, so
   * the client never waits on a partial chunk the gateway holds (transferTo would keep it).
   */
  private static void relay(java.io.InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
      if (in.available() == 0) {
        out.flush();
      }
    }
  }

  private static String queryParam(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String withoutParam(String rawQuery, String name) {
    if (rawQuery == null) {
      return "";
    }
    return java.util.Arrays.stream(rawQuery.split("&"))
        .filter(p -> !p.equals(name) && !p.startsWith(name + "="))
        .collect(java.util.stream.Collectors.joining("&"));
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Cors.addTo(ex);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    http.connectionPool().evictAll();
  }

  /**
   * Sends to PostgREST, once more on a new connection if a pooled keep-alive connection turns out to
   * have been closed by PostgREST meanwhile (no response bytes at all). Supabase's gateway (Kong)
   * retries such connection failures too.
   */
  private Response forward(Request request) throws IOException {
    try {
      return http.newCall(request).execute();
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      if (e instanceof java.net.ConnectException || m.contains("unexpected end of stream") || m.contains("Connection reset")
          || m.contains("Broken pipe") || m.contains("EOF")) {
        // when PostgREST restarted, every pooled connection is dead: the retry opens a new one
        http.connectionPool().evictAll();
        return http.newCall(request).execute();
      }
      throw e;
    }
  }
}
