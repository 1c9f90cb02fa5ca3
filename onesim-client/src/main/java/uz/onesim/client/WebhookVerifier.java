package uz.onesim.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook came from OneSIM, unchanged and recently, for a partner's server. OneSIM
 * signs each request with the endpoint's secret: header {@value #SIGNATURE_HEADER}
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>} (one {@code v1} per live secret
 * while a rotation overlaps). Give it the raw body bytes, before any JSON parsing.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(System.getenv("ONESIM_WEBHOOK_SECRET"));
 * verifier.verify(request.getHeader(WebhookVerifier.SIGNATURE_HEADER), rawBody);   // throws if not genuine
 * }</pre>
 *
 * Comparisons are constant-time. Immutable and thread-safe; secrets never appear in {@code toString()}.
 */
public final class WebhookVerifier {
  /** The request header carrying the timestamp and signatures. */
  public static final String SIGNATURE_HEADER = "OneSIM-Signature";
  /** How far a timestamp may be from now by default: 5 minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final List<byte[]> secrets;
  private final Duration tolerance;
  private final Clock clock;

  private WebhookVerifier(List<byte[]> secrets, Duration tolerance, Clock clock) {
    this.secrets = secrets;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /** A verifier accepting signatures by any of {@code secrets} (the old and the new one during a rotation). */
  public static WebhookVerifier of(String... secrets) {
    List<byte[]> keys = new ArrayList<>();
    for (String s : secrets) {
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException("a webhook secret must not be blank");
      }
      keys.add(s.getBytes(StandardCharsets.UTF_8));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret is required");
    }
    return new WebhookVerifier(List.copyOf(keys), DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /** Another tolerance for the timestamp (a replayed request outside it is refused). */
  public WebhookVerifier withTolerance(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("tolerance must be zero or more");
    }
    return new WebhookVerifier(secrets, d, clock);
  }

  /** Another clock (tests). */
  public WebhookVerifier withClock(Clock c) {
    return new WebhookVerifier(secrets, tolerance, Objects.requireNonNull(c, "clock == null"));
  }

  /**
   * Returns normally when {@code header} holds a valid signature of {@code body} by one of the
   * secrets, made within the tolerance of now.
   *
   * @throws WebhookSignatureException otherwise, with the reason
   */
  public void verify(String header, byte[] body) {
    if (header == null || header.isBlank()) {
      throw new WebhookSignatureException("missing_signature", "no " + SIGNATURE_HEADER + " header");
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 1) {
        continue;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      try {
        if (key.equals("t")) {
          timestamp = Long.parseLong(value);
        } else if (key.equals("v1")) {
          signatures.add(HexFormat.of().parseHex(value));
        }
      } catch (IllegalArgumentException e) {
        throw new WebhookSignatureException("malformed_signature", SIGNATURE_HEADER + " is malformed");
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      throw new WebhookSignatureException("malformed_signature", SIGNATURE_HEADER + " needs t= and at least one v1=");
    }
    long age = Math.abs(clock.instant().getEpochSecond() - timestamp);
    if (age > tolerance.toSeconds()) {
      throw new WebhookSignatureException("outside_tolerance",
          "the signature's timestamp is " + age + " s from now (tolerance " + tolerance.toSeconds() + " s)");
    }
    for (byte[] secret : secrets) {
      byte[] expected = hmac(secret, timestamp, body);
      for (byte[] candidate : signatures) {
        if (MessageDigest.isEqual(expected, candidate)) {
          return;
        }
      }
    }
    throw new WebhookSignatureException("no_matching_signature", "no signature matches the body with this endpoint's secret");
  }

  /** The header OneSIM sends: {@code t=<timestamp>,v1=<sig by secret 1>,v1=<sig by secret 2>…}. */
  public static String signatureHeader(long timestamp, List<String> secrets, byte[] body) {
    StringBuilder sb = new StringBuilder("t=").append(timestamp);
    for (String s : secrets) {
      sb.append(",v1=").append(HexFormat.of().formatHex(hmac(s.getBytes(StandardCharsets.UTF_8), timestamp, body)));
    }
    return sb.toString();
  }

  private static byte[] hmac(byte[] secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      mac.update(body);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookVerifier{" + secrets.size() + " secret(s) redacted, tolerance=" + tolerance + "}";
  }
}
