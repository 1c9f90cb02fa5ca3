package uz.onesim.core;

/** The request conflicts with the current state: a duplicate, an illegal status transition (HTTP 409). */
public class ConflictException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message, int status, String remoteCode, String requestId, String details, String hint, String body) {
    super(message, status, remoteCode, requestId, details, hint, body, null);
  }
}
