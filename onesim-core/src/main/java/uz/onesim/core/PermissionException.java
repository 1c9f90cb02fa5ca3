package uz.onesim.core;

/** Authenticated, but not allowed: Row Level Security, a missing grant, a protected column (HTTP 403). */
public class PermissionException extends ApiException {
  private static final long serialVersionUID = 1L;

  public PermissionException(String message, int status, String remoteCode, String requestId, String details, String hint, String body) {
    super(message, status, remoteCode, requestId, details, hint, body, null);
  }
}
