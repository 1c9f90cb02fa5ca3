package uz.onesim.core;

/** The service (or a proxy in front of it) failed: HTTP 5xx, or a body that is not the service's JSON. */
public class ServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ServerException(String message, int status, String remoteCode, String requestId, String details, String hint, String body) {
    super(message, status, remoteCode, requestId, details, hint, body, null);
  }

  @Override
  public boolean isRetryable() {
    return super.isRetryable() || status() == 502 || status() == 503 || status() == 504 || status() == 520
        || "connection_lost".equals(code());
  }
}
