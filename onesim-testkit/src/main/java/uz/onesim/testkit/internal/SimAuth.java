package uz.onesim.testkit.internal;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How the simulator authenticates a request as the provider does: access code, then the HMAC over timestamp, request id, access code and body. */
public final class SimAuth {
  private final String accessCode;
  private final String secretKey;
  private final boolean verifySignatures;
  private final Duration timestampWindow;
  private final Clock clock;

  public SimAuth(String accessCode, String secretKey, boolean verifySignatures, Duration timestampWindow, Clock clock) {
    this.accessCode = accessCode;
    this.secretKey = secretKey;
    this.verifySignatures = verifySignatures;
    this.timestampWindow = timestampWindow;
    this.clock = clock;
  }

  /** {@code null} when the request may proceed, else the provider's error code. */
  public String check(Headers headers, byte[] body) {
    String code = headers.getFirst("RT-AccessCode");
    if (code == null) {
      return "000101";
    }
    if (!code.equals(accessCode)) {
      return "101003";
    }
    String sig = headers.getFirst("RT-Signature");
    if (!verifySignatures || secretKey == null || sig == null) {
      return null;
    }
    String ts = headers.getFirst("RT-Timestamp");
    String rid = headers.getFirst("RT-RequestID");
    if (ts == null || rid == null) {
      return "000101";
    }
    long millis;
    try {
      millis = Long.parseLong(ts);
    } catch (NumberFormatException e) {
      return "000102";
    }
    if (Math.abs(clock.millis() - millis) > timestampWindow.toMillis()) {
      return "101001";
    }
    return sig.equalsIgnoreCase(hmac(ts + rid + code, body)) ? null : "101003";
  }

  private String hmac(String prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(prefix.getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return java.util.HexFormat.of().formatHex(mac.doFinal());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
