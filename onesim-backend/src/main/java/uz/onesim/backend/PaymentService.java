package uz.onesim.backend;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.Order;
import uz.onesim.client.internal.OrderRow;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.Amounts;
import uz.onesim.core.ValidationException;

/**
 * Money in for OneSIM Shop, as the backend records it: a payment provider's confirmation (its
 * reference, the amount, the currency) makes orders {@code paid} and fulfillable; a refund is
 * recorded with the provider's refund reference; unpaid orders expire. The database checks that
 * the amount equals the orders' price in that currency and treats a repeated reference as the same
 * payment (docs/money.md). Thread-safe.
 */
public final class PaymentService {
  private final PostgrestClient service;

  PaymentService(PostgrestClient service) {
    this.service = service;
  }

  /**
   * Confirms that {@code amount} (USD or UZS) paid for {@code orderIds}; returns the paid orders.
   * The same {@code provider} + {@code reference} again returns them and changes nothing.
   *
   * @throws uz.onesim.core.BadRequestException {@code amount_mismatch} when the amount is not the orders' price
   * @throws uz.onesim.core.ConflictException {@code not_awaiting_payment} or {@code payment_reference_reused}
   */
  public List<Order> confirm(List<UUID> orderIds, String provider, String reference, MonetaryAmount amount) {
    Objects.requireNonNull(amount, "amount == null");
    String currency = amount.getCurrency().getCurrencyCode();
    if (!currency.equals("USD") && !currency.equals("UZS")) {
      throw new ValidationException("amount", "unknown_currency", "must be in USD or UZS, got " + currency);
    }
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_order_ids", orderIds);
    args.put("p_provider", provider);
    args.put("p_reference", reference);
    args.put("p_amount", Amounts.decimal(amount));
    args.put("p_currency", currency);
    return OrderRow.toOrders(service.rpc("confirm_payment", args).list(OrderRow.class));
  }

  /** Records the provider's refund of a confirmed payment; the orders become {@code refunded}. */
  public void recordRefund(String provider, String reference, String refundReference) {
    service.rpc("record_refund", Map.of("p_provider", provider, "p_reference", reference, "p_refund_reference", refundReference))
        .execute();
  }

  /** Expires orders still unpaid after {@code olderThan}: they fail and leave no earnings. Returns how many. */
  public int expireUnpaid(Duration olderThan) {
    String interval = olderThan.toSeconds() + " seconds";
    return new BigDecimal(service.rpc("expire_unpaid_orders", Map.of("p_older_than", interval)).execute().body().trim())
        .intValueExact();
  }

  /** The worker that expires unpaid orders ({@code unpaid-expiry}), as {@link OneSimBackend#workers(WorkerPlan)} schedules it. */
  public Worker unpaidOrderWorker(Duration olderThan) {
    java.util.Objects.requireNonNull(olderThan, "olderThan == null");
    return new Worker() {
      @Override
      public String name() {
        return "unpaid-expiry";
      }

      @Override
      public WorkerPass runOnce() {
        int expired = expireUnpaid(olderThan);
        return WorkerPass.of(expired, expired, 0, false);
      }
    };
  }
}
