package uz.onesim.core;

/** The service refused the input as invalid (HTTP 400, a check or foreign-key violation, a bad filter). */
public class BadRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String message, int status, String remoteCode, String requestId, String details, String hint, String body) {
    super(message, status, remoteCode, requestId, details, hint, body, null);
  }
}
