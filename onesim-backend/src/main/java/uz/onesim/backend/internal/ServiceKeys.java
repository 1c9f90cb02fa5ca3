package uz.onesim.backend.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells a Supabase project's public key (anon JWT, {@code sb_publishable_}) from a secret one, without verifying anything. */
public final class ServiceKeys {
  private static final Pattern ROLE = Pattern.compile("\"role\"\\s*:\\s*\"([^\"]*)\"");

  private ServiceKeys() {}

  /** True for a publishable key or a JWT whose role claim is {@code anon}. */
  public static boolean isPublicKey(String key) {
    if (key.startsWith("sb_publishable_")) {
      return true;
    }
    String[] parts = key.split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      Matcher m = ROLE.matcher(payload);
      return m.find() && "anon".equals(m.group(1));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }
}
