package uz.onesim.esimaccess;

import uz.onesim.core.ApiException;

/**
 * A provider call that can change money or state got no definite answer (a lost response, a
 * timeout, a 5xx after the request left), and the client could not settle by asking the provider.
 * Do not replay it blindly: check first (the SDK's verified calls do that for you), or leave it to
 * reconciliation. {@link OrderOutcomeUnknownException} is the case of an order or top-up.
 */
public class OutcomeUnknownException extends ApiException {
  private static final long serialVersionUID = 1L;

  public OutcomeUnknownException(String message, ApiException last) {
    super("outcome_unknown", message + ": " + last.getMessage(), last.status(), last.remoteCode(), last.requestId(), last.details(), last.hint(),
        last.bodyExcerpt(), last);
  }

  /** The failure that left the outcome open. */
  public ApiException lastFailure() {
    return (ApiException) getCause();
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
