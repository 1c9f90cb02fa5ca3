package uz.onesim.core;

/**
 * An idempotency key already used for a different request (HTTP 409, code
 * {@code idempotency_key_reused}). The first request's result stands; a new purchase needs a new key.
 */
public class IdempotencyKeyReusedException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException(String message, int status, String remoteCode, String requestId, String details,
      String hint, String body) {
    super(message, status, remoteCode, requestId, details, hint, body);
  }

  @Override
  public String code() {
    return "idempotency_key_reused";
  }
}
