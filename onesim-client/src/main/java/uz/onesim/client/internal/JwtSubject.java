package uz.onesim.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.UUID;

/** Reads the {@code sub} claim of a JWT without verifying it (the server verifies every request). */
public final class JwtSubject {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JwtSubject() {}

  /** The subject as a UUID; null when the token has none or is not a JWT. Never throws, never logs the token. */
  public static UUID of(String jwt) {
    if (jwt == null) {
      return null;
    }
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      String sub = claims == null ? null : claims.path("sub").asText(null);
      return sub == null ? null : UUID.fromString(sub);
    } catch (IOException | IllegalArgumentException notAJwt) {
      return null;
    }
  }
}
