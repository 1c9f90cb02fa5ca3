package uz.onesim.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import uz.onesim.core.ApiException;
import uz.onesim.core.AuthenticationException;
import uz.onesim.core.BadRequestException;
import uz.onesim.core.ConflictException;
import uz.onesim.core.IdempotencyKeyReusedException;
import uz.onesim.core.InsufficientBalanceException;
import uz.onesim.core.NotFoundException;
import uz.onesim.core.PartnerNotActiveException;
import uz.onesim.core.PermissionException;
import uz.onesim.core.RateLimitedException;
import uz.onesim.core.ServerException;

/**
 * Turns a PostgREST (or gateway, or proxy) error response into the SDK's typed exception: by
 * {@code code} first, then by HTTP status. A body that is not JSON (an HTML 502 from a proxy)
 * becomes a typed error with an excerpt, never a parse exception.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  public static ApiException map(ObjectMapper json, int status, String body, String requestId, Duration retryAfter) {
    String code = null;
    String message = null;
    String details = null;
    String hint = null;
    boolean isJson = false;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode n = json.readTree(body);
        if (n != null && n.isObject()) {
          isJson = true;
          code = text(n, "code");
          message = text(n, "message");
          details = n.has("details") && !n.get("details").isNull()
              ? (n.get("details").isTextual() ? n.get("details").asText() : n.get("details").toString()) : null;
          hint = text(n, "hint");
        }
      } catch (java.io.IOException notJson) {
        // falls through: typed by status, with an excerpt
      }
    }
    if ("40P01".equals(code) || "40001".equals(code)) {
      // PostgreSQL's text names backend process and transaction ids: not for callers or their logs
      message = "40P01".equals(code) ? "deadlock detected; the transaction was rolled back and may be retried"
          : "could not serialize access; the transaction was rolled back and may be retried";
      details = null;
      hint = null;
      body = null;
    }
    if (isJson && status == 400 && (code == null || code.isEmpty()) && (message == null || message.isEmpty())) {
      // PostgREST lost its database connection during the request (an error without SQLSTATE, e.g.
      // the server was killed): the outcome is unknown, and a keyed create may be repeated
      return new ServerException("HTTP 400: the database connection was lost during the request; the outcome is unknown",
          status, "connection_lost", requestId, null, null, body);
    }
    String what = "HTTP " + status + (code == null ? "" : " " + code) + ": "
        + (message != null ? message : isJson ? "(no message)" : "non-JSON response");
    if (details != null) {
      what += " (" + details + ")";
    }
    if (status == 429) {
      return new RateLimitedException(what, status, code, requestId, body, retryAfter);
    }
    if (details != null) {
      switch (details) {
        case "insufficient_balance":
          return new InsufficientBalanceException(what, status, code, requestId, details, hint, body);
        case "idempotency_key_reused":
          return new IdempotencyKeyReusedException(what, status, code, requestId, details, hint, body);
        case "partner_not_active":
          return new PartnerNotActiveException(what, status, code, requestId, details, hint, body);
        default:
          break;
      }
    }
    if (code != null) {
      switch (code) {
        case "PGRST116":
          return details != null && details.contains(" 0 rows")
              ? new NotFoundException(what, status, code, requestId, details, hint, body)
              : new ConflictException(what, status, code, requestId, details, hint, body);
        case "PGRST301": case "PGRST302": case "PGRST303":
          return new AuthenticationException(what, status, code, requestId, details, hint, body);
        case "42501":
          return status == 401
              ? new AuthenticationException(what, status, code, requestId, details, hint, body)
              : new PermissionException(what, status, code, requestId, details, hint, body);
        case "23505":
          return new ConflictException(what, status, code, requestId, details, hint, body);
        case "23503": case "23514": case "23502": case "22P02": case "22023": case "22003": case "22001":
          return new BadRequestException(what, status, code, requestId, details, hint, body);
        case "PGRST202": case "PGRST205": case "42P01": case "42883":
          return new NotFoundException(what, status, code, requestId, details, hint, body);
        default:
          break;
      }
    }
    if (status == 401) {
      return new AuthenticationException(what, status, code, requestId, details, hint, body);
    }
    if (status == 403) {
      return new PermissionException(what, status, code, requestId, details, hint, body);
    }
    if (status == 404 || status == 406 && "PGRST116".equals(code)) {
      return new NotFoundException(what, status, code, requestId, details, hint, body);
    }
    if (status == 409) {
      return new ConflictException(what, status, code, requestId, details, hint, body);
    }
    if (status >= 500 || !isJson) {
      return new ServerException(what, status, code, requestId, details, hint, body);
    }
    return new BadRequestException(what, status, code, requestId, details, hint, body);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
