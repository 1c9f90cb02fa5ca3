package uz.onesim.core;

/** No valid credentials: a missing, expired or wrongly signed token or API key (HTTP 401). */
public class AuthenticationException extends ApiException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message, int status, String remoteCode, String requestId, String details, String hint, String body) {
    super(message, status, remoteCode, requestId, details, hint, body, null);
  }
}
