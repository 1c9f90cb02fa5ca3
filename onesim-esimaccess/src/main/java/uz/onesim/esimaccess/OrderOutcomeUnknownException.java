package uz.onesim.esimaccess;

import uz.onesim.core.ApiException;

/**
 * An order or top-up may or may not have been placed: every attempt failed without a definite
 * answer. Replay it with the same {@link #transactionId()} (the provider de-duplicates on it);
 * never with a new one.
 */
public class OrderOutcomeUnknownException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final String transactionId;

  public OrderOutcomeUnknownException(String transactionId, ApiException last) {
    super("outcome of transaction " + transactionId + " unknown after retries; replay with the same transactionId: "
        + last.getMessage(), last.status(), last.code(), last.requestId(), last.details(), last.hint(), last.bodyExcerpt(), last);
    this.transactionId = transactionId;
  }

  public String transactionId() {
    return transactionId;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
