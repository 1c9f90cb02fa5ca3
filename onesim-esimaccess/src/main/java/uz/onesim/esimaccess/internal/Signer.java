package uz.onesim.esimaccess.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * eSIM Access request signature: lowercase hex HMAC-SHA256, keyed with the secret key, over
 * {@code timestamp + requestId + accessCode + body} where body is the exact bytes sent.
 */
public final class Signer {
  private Signer() {}

  public static String sign(String secretKey, String timestamp, String requestId, String accessCode, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + requestId + accessCode).getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
