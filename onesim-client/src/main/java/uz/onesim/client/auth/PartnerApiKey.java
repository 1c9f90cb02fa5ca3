package uz.onesim.client.auth;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uz.onesim.core.ValidationException;

/**
 * A partner's integration credential as its server holds it: {@code osk_<credential id>_<secret>}.
 * The credential is a dedicated Supabase Auth user ({@link #loginEmail()}) whose password is the
 * secret; Supabase keeps only the secret's bcrypt hash and OneSIM keeps none (docs/identity.md).
 * Issued by OneSIM's backend ({@code OneSimBackend.credentials()}); used with
 * {@code OneSim.signInWithApiKey(..)}. {@code toString()} never shows the secret.
 */
public final class PartnerApiKey {
  /** The domain of the integration users' login addresses (never receives mail). */
  public static final String LOGIN_DOMAIN = "integrations.onesim.invalid";
  private static final Pattern FORMAT = Pattern.compile("osk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");

  private final UUID credentialId;
  private final String secret;

  private PartnerApiKey(UUID credentialId, String secret) {
    this.credentialId = credentialId;
    this.secret = secret;
  }

  /**
   * Reads a key.
   *
   * @throws ValidationException {@code apiKey}/{@code malformed} (the message never repeats the key)
   */
  public static PartnerApiKey parse(String apiKey) {
    Matcher m = FORMAT.matcher(apiKey == null ? "" : apiKey.strip());
    if (!m.matches()) {
      throw new ValidationException("apiKey", "malformed", "is not a OneSIM partner API key (osk_<id>_<secret>)");
    }
    String hex = m.group(1);
    UUID id = new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    return new PartnerApiKey(id, m.group(2));
  }

  /** A new key for {@code credentialId} with {@code secret} (43 base64url characters: 256 bits). */
  public static PartnerApiKey of(UUID credentialId, String secret) {
    return parse("osk_" + Objects.requireNonNull(credentialId, "credentialId == null").toString().replace("-", "") + "_" + secret);
  }

  /** The credential this key belongs to (its public part). */
  public UUID credentialId() {
    return credentialId;
  }

  /** The integration user's login: {@code <credential id>@}{@value #LOGIN_DOMAIN}. */
  public String loginEmail() {
    return credentialId + "@" + LOGIN_DOMAIN;
  }

  /** The secret (the integration user's password). Keep it out of logs. */
  public String secret() {
    return secret;
  }

  /** The key as the partner's server stores it. */
  public String value() {
    return "osk_" + credentialId.toString().replace("-", "") + "_" + secret;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartnerApiKey k && k.credentialId.equals(credentialId) && k.secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return credentialId.hashCode();
  }

  @Override
  public String toString() {
    return "PartnerApiKey{credential=" + credentialId + ", secret redacted}";
  }
}
