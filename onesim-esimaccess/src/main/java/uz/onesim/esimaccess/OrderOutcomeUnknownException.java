package uz.onesim.esimaccess;

import uz.onesim.core.ApiException;

/**
 * An order or top-up may or may not have been placed: every attempt failed without a definite
 * answer. For an order, replay it with the same {@link #transactionId()} (the provider documents
 * that a repeated id is the same request); never with a new one. For a top-up the SDK has already
 * asked the provider and could not tell: reconcile before replaying (docs/esimaccess.md).
 */
public class OrderOutcomeUnknownException extends OutcomeUnknownException {
  private static final long serialVersionUID = 1L;

  private final String transactionId;

  public OrderOutcomeUnknownException(String transactionId, ApiException last) {
    super("outcome of transaction " + transactionId + " unknown after retries", last);
    this.transactionId = transactionId;
  }

  /** The transaction id to replay with (never a new one). */
  public String transactionId() {
    return transactionId;
  }
}
