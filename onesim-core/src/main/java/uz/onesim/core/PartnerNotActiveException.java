package uz.onesim.core;

/**
 * The partner account is not active (pending review, suspended, rejected or deactivated), so it
 * may not buy, top up or change its customers (HTTP 403, code {@code partner_not_active}).
 */
public class PartnerNotActiveException extends PermissionException {
  private static final long serialVersionUID = 1L;

  public PartnerNotActiveException(String message, int status, String remoteCode, String requestId, String details,
      String hint, String body) {
    super(message, status, remoteCode, requestId, details, hint, body);
  }

  @Override
  public String code() {
    return "partner_not_active";
  }
}
