package uz.onesim.backend;

import uz.onesim.client.Order;

/**
 * Sends an allocated eSIM to its end customer (email, SMS, WhatsApp, or a manual hand-over),
 * plugged in by the backend. Called after allocation for each order whose {@code delivery_method}
 * is {@link #method()}. A channel that fails or throws never loses the eSIM or the order: the
 * order stays ALLOCATED and the failure is recorded in its {@code delivery_status}.
 */
public interface DeliveryChannel {
  /** {@code email}, {@code sms}, {@code whatsapp} or {@code manual} (the orders' delivery_method). */
  String method();

  /** Delivers the eSIM of {@code order}; returns what to record, e.g. {@code "sent"}. */
  String deliver(Order order) throws Exception;

  /**
   * Sends a lifecycle notice (data low, expiring, expired, top-up applied) to the traveller;
   * returns what to record, e.g. {@code "sent"}. A channel that cannot send notices keeps this
   * default, and the notice is recorded as skipped.
   *
   * @throws UnsupportedOperationException when this channel sends no notices
   */
  default String sendNotice(EsimNotice notice) throws Exception {
    throw new UnsupportedOperationException(method() + " sends no lifecycle notices");
  }
}
