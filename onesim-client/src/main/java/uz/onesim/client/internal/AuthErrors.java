package uz.onesim.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import uz.onesim.core.ApiException;
import uz.onesim.core.AuthenticationException;
import uz.onesim.core.BadRequestException;
import uz.onesim.core.ConflictException;
import uz.onesim.core.NotFoundException;
import uz.onesim.core.PermissionException;
import uz.onesim.core.RateLimitedException;
import uz.onesim.core.ServerException;

/**
 * Supabase Auth's error bodies to the SDK's typed exceptions. GoTrue answers
 * {@code {"code": 400, "error_code": "invalid_credentials", "msg": "..."}} (older versions:
 * {@code {"error": "invalid_grant", "error_description": "..."}}); the exception's {@code code()}
 * is the machine code. Messages come from the server's text and never contain a token.
 */
public final class AuthErrors {
  private AuthErrors() {}

  public static ApiException map(ObjectMapper json, int status, String body, String requestId, String endpoint) {
    String code = null;
    String msg = null;
    try {
      JsonNode n = body == null || body.isBlank() ? null : json.readTree(body);
      if (n != null && n.isObject()) {
        code = text(n, "error_code");
        if (code == null) {
          code = text(n, "error");
        }
        msg = text(n, "msg");
        if (msg == null) {
          msg = text(n, "message");
        }
        if (msg == null) {
          msg = text(n, "error_description");
        }
      }
    } catch (java.io.IOException notJson) {
      // typed by status below
    }
    String what = "Supabase Auth " + endpoint + ": HTTP " + status + (code == null ? "" : " " + code) + ": "
        + (msg == null ? "(no message)" : msg);
    if (status == 429) {
      return new RateLimitedException(what, status, code, requestId, body, null);
    }
    if (status >= 500) {
      return new ServerException(what, status, code, requestId, null, null, body);
    }
    if ("user_already_exists".equals(code) || "email_exists".equals(code)) {
      return new ConflictException(what, status, code, requestId, null, null, body);
    }
    if ("not_admin".equals(code) || status == 403 && !"bad_jwt".equals(code)) {
      return new PermissionException(what, status, code, requestId, null, null, body);
    }
    if (status == 404 || "user_not_found".equals(code)) {
      return new NotFoundException(what, status, code, requestId, null, null, body);
    }
    if (status == 401 || "bad_jwt".equals(code) || "invalid_credentials".equals(code) || "invalid_grant".equals(code)
        || (code != null && code.startsWith("refresh_token_")) || "session_not_found".equals(code) || "user_banned".equals(code)) {
      return new AuthenticationException(what, status, code, requestId, null, null, body);
    }
    return new BadRequestException(what, status, code, requestId, null, null, body);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
