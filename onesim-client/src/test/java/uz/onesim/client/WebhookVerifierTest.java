package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook signature scheme against vectors computed independently (Python's hmac), and every refusal. */
class WebhookVerifierTest {
  static final byte[] BODY = "{\"id\":\"e1\",\"type\":\"order.allocated\"}".getBytes(StandardCharsets.UTF_8);
  static final long T = 1795449600L;
  // python3: hmac.new(b'whsec_test-secret', b'1795449600.' + BODY, hashlib.sha256).hexdigest()
  static final String SIG = "5d3930416c5c3a24b29bd3da519973e6963e4cc6d90b8af0eb8a4cc964df29b0";
  static final String SIG_OTHER = "68e633d55e190b4a0d64a7a4cc9b43ecfd34d79d43176da9b86522f0a95827b9";

  static WebhookVerifier verifier(String... secrets) {
    return WebhookVerifier.of(secrets).withClock(Clock.fixed(Instant.ofEpochSecond(T + 60), ZoneOffset.UTC));
  }

  static String reason(String header, byte[] body, WebhookVerifier v) {
    return catchThrowableOfType(() -> v.verify(header, body), WebhookSignatureException.class).reason();
  }

  @Test
  void theHeaderIsTheDocumentedSchemeAndVerifies() {
    assertThat(WebhookVerifier.signatureHeader(T, List.of("whsec_test-secret"), BODY)).isEqualTo("t=" + T + ",v1=" + SIG);
    assertThat(WebhookVerifier.signatureHeader(T, List.of("whsec_test-secret", "whsec_other"), BODY))
        .isEqualTo("t=" + T + ",v1=" + SIG + ",v1=" + SIG_OTHER);
    assertThatCode(() -> verifier("whsec_test-secret").verify("t=" + T + ",v1=" + SIG, BODY)).doesNotThrowAnyException();
    assertThatCode(() -> verifier("whsec_other").verify("t=" + T + ",v1=" + SIG + ",v1=" + SIG_OTHER, BODY))
        .as("any one matching signature during a rotation").doesNotThrowAnyException();
    assertThatCode(() -> verifier("whsec_rotated", "whsec_test-secret").verify("t=" + T + ",v1=" + SIG, BODY))
        .as("a receiver may hold both secrets too").doesNotThrowAnyException();
  }

  @Test
  void everyForgeryIsATypedRefusal() {
    WebhookVerifier v = verifier("whsec_test-secret");
    assertThat(reason(null, BODY, v)).isEqualTo("missing_signature");
    assertThat(reason("", BODY, v)).isEqualTo("missing_signature");
    assertThat(reason("v1=" + SIG, BODY, v)).isEqualTo("malformed_signature");
    assertThat(reason("t=" + T, BODY, v)).isEqualTo("malformed_signature");
    assertThat(reason("t=abc,v1=" + SIG, BODY, v)).isEqualTo("malformed_signature");
    assertThat(reason("t=" + T + ",v1=zz", BODY, v)).isEqualTo("malformed_signature");
    assertThat(reason("t=" + T + ",v1=" + SIG_OTHER, BODY, v)).isEqualTo("no_matching_signature");
    assertThat(reason("t=" + (T + 1) + ",v1=" + SIG, BODY, v)).as("the timestamp is signed").isEqualTo("no_matching_signature");
    byte[] changed = "{\"id\":\"e2\",\"type\":\"order.allocated\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(reason("t=" + T + ",v1=" + SIG, changed, v)).isEqualTo("no_matching_signature");
  }

  @Test
  void oldOrFutureTimestampsAreRefusedAsReplays() {
    WebhookVerifier late = WebhookVerifier.of("whsec_test-secret").withClock(Clock.fixed(Instant.ofEpochSecond(T + 301), ZoneOffset.UTC));
    assertThat(reason("t=" + T + ",v1=" + SIG, BODY, late)).isEqualTo("outside_tolerance");
    WebhookVerifier early = WebhookVerifier.of("whsec_test-secret").withClock(Clock.fixed(Instant.ofEpochSecond(T - 301), ZoneOffset.UTC));
    assertThat(reason("t=" + T + ",v1=" + SIG, BODY, early)).isEqualTo("outside_tolerance");
    assertThatCode(() -> late.withTolerance(Duration.ofMinutes(10)).verify("t=" + T + ",v1=" + SIG, BODY)).doesNotThrowAnyException();
  }

  @Test
  void secretsNeverShow() {
    assertThat(WebhookVerifier.of("whsec_test-secret").toString()).doesNotContain("test-secret");
    assertThat(catchThrowableOfType(() -> verifier("whsec_test-secret").verify("t=" + T + ",v1=" + SIG_OTHER, BODY),
        WebhookSignatureException.class).getMessage()).doesNotContain("whsec");
  }
}
