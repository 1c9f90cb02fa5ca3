package uz.onesim.core;

/** The thing asked for does not exist or is not visible to the caller (HTTP 404, or no row for a single-row read). */
public class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message, int status, String remoteCode, String requestId, String details, String hint, String body) {
    super(message, status, remoteCode, requestId, details, hint, body, null);
  }
}
