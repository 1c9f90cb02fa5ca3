package uz.onesim.client;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.internal.MoneyColumns;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.OrderRules;

/**
 * Top-ups for the caller's eSIMs: what fits one, buying one (a partner pays from its balance at
 * once; a consumer's waits for its payment), and the top-ups bought. OneSIM's backend applies paid
 * top-ups at the provider exactly once. docs/lifecycle.md. Thread-safe.
 */
public final class TopUpService {
  private final PostgrestClient db;

  TopUpService(PostgrestClient db) {
    this.db = db;
  }

  /**
   * One top-up that fits an eSIM, priced for the caller.
   *
   * @param yourPrice what the caller pays (retail for a consumer, after the discount for a partner)
   */
  public record Option(String packageCode, String name, Long dataVolumeBytes, Integer duration, String durationUnit,
      MonetaryAmount retail, DiscountRate rate, MonetaryAmount yourPrice, MonetaryAmount discount, MonetaryAmount retailUzs,
      MonetaryAmount yourPriceUzs) {}

  record OptionRow(String packageCode, String name, Long dataVolumeBytes, Integer duration, String durationUnit, BigDecimal retailUsd,
      BigDecimal discountRate, BigDecimal yourPriceUsd, BigDecimal discountUsd, BigDecimal retailUzs, BigDecimal yourPriceUzs) {
    Option toOption() {
      return new Option(packageCode, name, dataVolumeBytes, duration, durationUnit, MoneyColumns.usd("retail_usd", retailUsd),
          DiscountRate.of(discountRate), MoneyColumns.usd("your_price_usd", yourPriceUsd), MoneyColumns.usd("discount_usd", discountUsd),
          MoneyColumns.uzs("retail_uzs", retailUzs), MoneyColumns.uzs("your_price_uzs", yourPriceUzs));
    }
  }

  /**
   * The top-ups that fit the eSIM of {@code orderId}, cheapest first, at the caller's price.
   *
   * @throws uz.onesim.core.NotFoundException {@code unknown_order} when the order is not the caller's
   * @throws uz.onesim.core.ConflictException {@code not_allocated} or {@code esim_closed}
   */
  public List<Option> options(UUID orderId) {
    return db.rpc("topup_options", Map.of("p_order_id", orderId)).get().list(OptionRow.class).stream().map(OptionRow::toOption).toList();
  }

  /**
   * Buys {@code packageCode} for the eSIM of {@code orderId}, priced by the database like an order
   * (from the eSIM's order: a partner's rate for its own eSIM, retail for a shop eSIM). Every call
   * carries an idempotency key (yours, or one made for this call, repeated on a retry); repeating a
   * key returns the first top-up; the same key for a different top-up is an
   * {@code IdempotencyKeyReusedException}. A top-up has nothing to install: the traveller hears of it
   * through the eSIM's own delivery method (its order's), so {@code options} carries no delivery
   * method (docs/guide.md, "Top-ups").
   *
   * @throws uz.onesim.core.ValidationException {@code deliveryMethod}/{@code not_for_topups} when
   *     {@code options} names a delivery method — nothing is sent
   * @throws uz.onesim.core.InsufficientBalanceException (HTTP 402) when a partner's balance and credit
   *     do not cover it — nothing is written
   * @throws uz.onesim.core.NotFoundException {@code unknown_order} or {@code unknown_topup}
   */
  public TopUp buy(UUID orderId, String packageCode, CallOptions options) {
    CallOptions o = options == null ? CallOptions.none() : options;
    if (o.deliveryMethod() != null) {
      throw new uz.onesim.core.ValidationException("deliveryMethod", "not_for_topups",
          "a top-up is announced through the eSIM's own delivery method (its order's); leave it unset");
    }
    if (o.idempotencyKey() != null) {
      OrderRules.requireValidIdempotencyKey(o.idempotencyKey());
    }
    // the purchases' one create path: a key always (the caller's, or one made here), and the same
    // key again on what may pass later (no answer, 502/503/504, a deadlock), never on a refusal
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_order_id", orderId);
    args.put("p_package_code", packageCode);
    args.put("p_idempotency_key", o.keyOrNew());
    uz.onesim.core.RetryPolicy retry = db.retryPolicy();
    for (int attempt = 1; ; attempt++) {
      try {
        return db.rpc("buy_topup", args).select(TopUp.COLUMNS).one(TopUp.Row.class).toTopUp();
      } catch (uz.onesim.core.ApiException lost) {
        if (!lost.isRetryable() || !retry.allowsRetryAfter(attempt)) {
          throw lost;
        }
        retry.pause(retry.delayBefore(attempt, lost instanceof uz.onesim.core.RateLimitedException r ? r.retryAfter() : null), lost);
      }
    }
  }

  /** The top-ups of one of the caller's eSIMs, oldest first. */
  public List<TopUp> list(UUID orderId) {
    return db.from("topups").select(TopUp.COLUMNS).eq("order_id", orderId).order("created_at", true).order("id", true)
        .list(TopUp.Row.class).stream().map(TopUp.Row::toTopUp).toList();
  }

  /** The caller's newest top-ups (a partner: all its customers'), newest first. */
  public List<TopUp> recent(int limit) {
    return db.from("topups").select(TopUp.COLUMNS).order("created_at", false).order("id", true).limit(uz.onesim.core.Limits.requireRows(limit))
        .list(TopUp.Row.class).stream().map(TopUp.Row::toTopUp).toList();
  }
}
