package uz.onesim.client;

import uz.onesim.core.OneSimException;

/**
 * A webhook request that did not come from OneSIM as sent: answer it with HTTP 400 and do not act on
 * it. {@link #reason()} says why: {@code missing_signature}, {@code malformed_signature},
 * {@code outside_tolerance} (too old or from the future: a replay), {@code no_matching_signature}.
 */
public final class WebhookSignatureException extends OneSimException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  WebhookSignatureException(String reason, String message) {
    super(reason, message, null);
    this.reason = reason;
  }

  /**
   * Why the signature was refused, the same word as {@link #code()}: {@code missing_signature},
   * {@code malformed_signature}, {@code outside_tolerance}, {@code no_matching_signature}.
   */
  public String reason() {
    return reason;
  }
}
