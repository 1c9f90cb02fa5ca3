package uz.onesim.testkit.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Signs HS256 JWTs with one instance's secret, the way Supabase Auth does. Never prints the secret. */
public final class Jwts {
  private final byte[] secret;

  public Jwts(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** A random secret of 64 URL-safe characters (PostgREST needs at least 32). */
  public static String newSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A JWT carrying {@code claims}; numbers for {@code exp}/{@code iat} are seconds since the epoch. */
  public String sign(Map<String, Object> claims) {
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
    claims.forEach(b::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), b.build());
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a JWT", e);
    }
    return jwt.serialize();
  }

  /** The claims of {@code jwt} when it is signed with this secret and not expired; null otherwise. */
  public java.util.Map<String, Object> verify(String jwt) {
    try {
      SignedJWT parsed = SignedJWT.parse(jwt);
      if (!parsed.verify(new com.nimbusds.jose.crypto.MACVerifier(secret))) {
        return null;
      }
      JWTClaimsSet claims = parsed.getJWTClaimsSet();
      java.util.Date exp = claims.getExpirationTime();
      if (exp != null && exp.toInstant().isBefore(java.time.Instant.now())) {
        return null;
      }
      return claims.getClaims();
    } catch (java.text.ParseException | JOSEException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "Jwts[HS256, secret redacted]";
  }
}
