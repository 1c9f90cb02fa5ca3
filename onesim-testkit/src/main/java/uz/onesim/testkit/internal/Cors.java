package uz.onesim.testkit.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * CORS the way Supabase's gateway does it: a preflight is answered before any key check (browsers
 * never send {@code apikey} on a preflight), and every response, errors included, carries the CORS
 * headers so a storefront page in a browser can read it.
 */
final class Cors {
  static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
  static final String DEFAULT_ALLOWED_HEADERS = "authorization, x-client-info, apikey, content-type, accept, accept-profile, "
      + "content-profile, prefer, range, range-unit, x-supabase-api-version";
  static final String EXPOSED_HEADERS = "Content-Encoding, Content-Location, Content-Range, Content-Type, Date, Location, "
      + "Preference-Applied, Range-Unit, X-Supabase-Api-Version";
  static final String MAX_AGE_SECONDS = "3600";

  private Cors() {}

  /** True for a browser's preflight: OPTIONS with {@code Origin} and {@code Access-Control-Request-Method}. */
  static boolean isPreflight(HttpExchange ex) {
    Headers h = ex.getRequestHeaders();
    return "OPTIONS".equalsIgnoreCase(ex.getRequestMethod()) && h.getFirst("Origin") != null
        && h.getFirst("Access-Control-Request-Method") != null;
  }

  /** Answers a preflight: 200, the methods and headers allowed, cached for an hour. */
  static void answerPreflight(HttpExchange ex) throws java.io.IOException {
    Headers out = ex.getResponseHeaders();
    addTo(ex);
    out.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
    String requested = ex.getRequestHeaders().getFirst("Access-Control-Request-Headers");
    out.set("Access-Control-Allow-Headers", requested == null || requested.isBlank() ? DEFAULT_ALLOWED_HEADERS : requested);
    out.set("Access-Control-Max-Age", MAX_AGE_SECONDS);
    ex.sendResponseHeaders(200, -1);
  }

  /** The headers every response to a request with {@code Origin} carries. */
  static void addTo(HttpExchange ex) {
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if (origin == null) {
      return;
    }
    Headers out = ex.getResponseHeaders();
    out.set("Access-Control-Allow-Origin", origin);
    out.set("Access-Control-Allow-Credentials", "true");
    out.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    out.add("Vary", "Origin");
  }
}
