package uz.onesim.client;

import uz.onesim.client.internal.OrderRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.FxRate;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.PriceQuote;
import uz.onesim.core.OrderRules;
import uz.onesim.core.RetryPolicy;
import uz.onesim.core.Amounts;
import uz.onesim.core.ConflictException;
import uz.onesim.core.IdempotencyKeyReusedException;
import uz.onesim.core.PartnerProfit;
import uz.onesim.core.ApiException;

/**
 * Buying eSIMs as the signed-in user: a consumer for themselves (B2C), a partner for one customer,
 * for a list of customers, or for every member of a group — each in one request, priced by the
 * database. Every create call is idempotent by its key: a call retried after a timeout returns the
 * first call's orders. Thread-safe.
 */
public final class OrderService {

  private final PostgrestClient db;

  OrderService(PostgrestClient db) {
    this.db = db;
  }

  /**
   * What {@code quantity} eSIMs of {@code packageCode} will cost the signed-in buyer, in one round
   * trip: the database's pricing inputs ({@code price_inputs}) through onesim-core's rule.
   *
   * @throws uz.onesim.core.NotFoundException {@code unknown_package} for a package not on sale
   */
  public Quote quote(String packageCode, int quantity) {
    check(packageCode, quantity);
    PriceInputs in = db.rpc("price_inputs", Map.of("p_package_code", packageCode)).one(PriceInputs.class);
    PriceQuote unit = PriceQuote.of(Amounts.usd(in.retailUsd()), DiscountRate.of(in.discountRate()),
        new FxRate(in.uzsPerUsd(), in.fxSource(), in.fxAsOf().toInstant()));
    return Quote.of(packageCode, quantity, unit);
  }

  /** The row {@code price_inputs} returns. */
  record PriceInputs(String packageCode, java.math.BigDecimal retailUsd, java.math.BigDecimal discountRate,
      java.math.BigDecimal uzsPerUsd, String fxSource, java.time.OffsetDateTime fxAsOf) {}

  /** B2C: {@code quantity} eSIMs of {@code packageCode} for the signed-in consumer, at retail. */
  public List<Order> buy(String packageCode, int quantity, CallOptions options) {
    check(packageCode, quantity);
    String key = options.keyOrNew();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i <= quantity; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("source_type", "b2c");
      row.put("package_code", packageCode);
      row.put("idempotency_key", key);
      row.put("idempotency_line", i);
      if (options.deliveryMethod() != null) {
        row.put("delivery_method", options.deliveryMethod().wire());
      }
      rows.add(row);
    }
    RetryPolicy retry = db.retryPolicy();
    for (int attempt = 1; ; attempt++) {
      try {
        return OrderRow.toOrders(db.from("orders").insert(rows).select(OrderRow.COLUMNS).list(OrderRow.class));
      } catch (ConflictException duplicate) {
        if (!"23505".equals(duplicate.sqlState())) {
          throw duplicate;
        }
        return sameRequestOrRefuse(key, byKey(key), packageCode, quantity);
      } catch (ApiException lost) {
        // Safe to repeat: a second insert with the same key hits the unique index (above). Repeated
        // on what may pass later (no answer, 502/503/504, a deadlock), never on a refusal.
        if (!lost.isRetryable() || !retry.allowsRetryAfter(attempt)) {
          throw lost;
        }
        retry.pause(retry.delayBefore(attempt, lost instanceof uz.onesim.core.RateLimitedException r ? r.retryAfter() : null), lost);
      }
    }
  }

  /** A partner buys {@code quantity} eSIMs for one of its customers, at its discount. */
  public List<Order> buyForCustomer(UUID customerId, String packageCode, int quantity, CallOptions options) {
    check(packageCode, quantity);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_customer_id", customerId);
    args.put("p_package_code", packageCode);
    args.put("p_quantity", quantity);
    args.put("p_idempotency_key", options.keyOrNew());
    if (options.deliveryMethod() != null) {
      args.put("p_delivery_method", options.deliveryMethod().wire());
    }
    return callCreating("place_partner_order", args);
  }

  /** A partner buys one eSIM for every member of {@code groupId}: one call, one statement, all or nothing. */
  public List<Order> buyForGroup(UUID groupId, String packageCode, CallOptions options) {
    check(packageCode, 1);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_package_code", packageCode);
    args.put("p_group_id", groupId);
    args.put("p_idempotency_key", options.keyOrNew());
    if (options.deliveryMethod() != null) {
      args.put("p_delivery_method", options.deliveryMethod().wire());
    }
    return callCreating("place_partner_orders", args);
  }

  /** A partner buys one eSIM for each of {@code customerIds} in one call. */
  public List<Order> buyForCustomers(List<UUID> customerIds, String packageCode, CallOptions options) {
    check(packageCode, customerIds.size());
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_package_code", packageCode);
    args.put("p_customer_ids", customerIds);
    args.put("p_idempotency_key", options.keyOrNew());
    if (options.deliveryMethod() != null) {
      args.put("p_delivery_method", options.deliveryMethod().wire());
    }
    return callCreating("place_partner_orders", args);
  }

  /**
   * Asks OneSIM to cancel an allocated eSIM the traveller has not installed and refund it to the
   * partner's balance. The backend asks the provider; an installed or used eSIM is refused
   * ({@code esim_in_use}). See {@link #afterSaleRequests}.
   *
   * @throws uz.onesim.core.ConflictException {@code not_allocated} or {@code request_open}
   * @throws uz.onesim.core.NotFoundException {@code unknown_order} for an order that is not the partner's
   */
  public AfterSaleRequest requestCancel(UUID orderId, String reason) {
    return afterSale(orderId, "cancel", reason);
  }

  /** Asks OneSIM to send an allocated eSIM's installation details to the traveller again. */
  public AfterSaleRequest requestResend(UUID orderId) {
    return afterSale(orderId, "resend", null);
  }

  /** The partner's after-sale requests, newest first (at most {@code limit}, up to 1000). */
  public List<AfterSaleRequest> afterSaleRequests(int limit) {
    return db.from("after_sale_requests").select("id,order_id,kind,reason,status,outcome,created_at,processed_at")
        .order("created_at", false).limit(uz.onesim.core.Limits.requireRows(limit)).list(AfterSaleRequest.class);
  }

  private AfterSaleRequest afterSale(UUID orderId, String kind, String reason) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_order_id", java.util.Objects.requireNonNull(orderId, "orderId == null"));
    args.put("p_kind", kind);
    args.put("p_reason", reason);
    return db.rpc("request_after_sale", args).one(AfterSaleRequest.class);
  }

  /** One order the caller may see. */
  public Order get(UUID orderId) {
    return db.from("orders").select(OrderRow.COLUMNS).eq("id", orderId).one(OrderRow.class).toOrder();
  }

  /**
   * The lifecycle alerts of one of the caller's eSIMs (data low, expiring, expired, installed,
   * top-up applied), oldest first. The eSIM's live figures are on {@link Order#usage()}.
   */
  public List<EsimAlert> alerts(UUID orderId) {
    return db.from("esim_alerts").select(EsimAlert.COLUMNS).eq("order_id", orderId).order("created_at", true).order("id", true)
        .list(EsimAlert.Row.class).stream().map(EsimAlert.Row::toAlert).toList();
  }

  /** The newest lifecycle alerts across the caller's eSIMs (a partner: all its customers'), newest first. */
  public List<EsimAlert> recentAlerts(int limit) {
    return db.from("esim_alerts").select(EsimAlert.COLUMNS).order("created_at", false).order("id", true)
        .limit(uz.onesim.core.Limits.requireRows(limit)).list(EsimAlert.Row.class).stream().map(EsimAlert.Row::toAlert).toList();
  }

  /** The caller's newest orders. */
  public List<Order> recent(int limit) {
    return OrderRow.toOrders(db.from("orders").select(OrderRow.COLUMNS).order("created_at", false).order("id", true)
        .limit(uz.onesim.core.Limits.requireRows(limit)).list(OrderRow.class));
  }

  /**
   * A partner logs what it charged its customer, in USD or in som; the earning then shows the sell
   * price and the actual profit in both (the other currency at the order's FX snapshot, rounded
   * once: docs/money.md). Logging again replaces the earlier value.
   *
   * @throws uz.onesim.core.ValidationException naming {@code sellPrice} (negative, not USD/UZS, too
   *     many decimals) before any request
   */
  public PartnerEarning logSellPrice(UUID orderId, MonetaryAmount sellPrice) {
    PartnerProfit.requireValidSellPrice(sellPrice);
    return db.rpc("log_sell_price", Map.of("p_order_id", orderId, "p_sell_price", Amounts.decimal(sellPrice),
        "p_currency", sellPrice.getCurrency().getCurrencyCode())).one(PartnerEarning.Row.class).toEarning();
  }

  private List<Order> callCreating(String function, Map<String, Object> args) {
    RetryPolicy retry = db.retryPolicy();
    for (int attempt = 1; ; attempt++) {
      try {
        // no select=: PostgREST returns the function's whole rows far cheaper than it projects 35
        // named columns (docs/benchmarks.md), and unknown columns are ignored
        return OrderRow.toOrders(db.rpc(function, args).list(OrderRow.class));
      } catch (ApiException lost) {
        // Safe to repeat with the same idempotency key: the database returns the first call's
        // orders if it committed. Repeated on what may pass later: no answer, the gateway's 502/503/
        // 504 while PostgREST restarts, a deadlock or serialization failure, a rate limit.
        if (!lost.isRetryable() || !retry.allowsRetryAfter(attempt)) {
          throw lost;
        }
        retry.pause(retry.delayBefore(attempt, lost instanceof uz.onesim.core.RateLimitedException r ? r.retryAfter() : null), lost);
      }
    }
  }

  /** A replayed key must carry the request it was first used for (like a payment API). */
  private static List<Order> sameRequestOrRefuse(String key, List<Order> first, String packageCode, int quantity) {
    boolean same = first.size() == quantity && first.stream().allMatch(o -> packageCode.equals(o.packageCode()));
    if (!same) {
      throw new IdempotencyKeyReusedException("this idempotency key was already used for a different request; use a new key for a new purchase",
          409, "PT409", null, "idempotency_key_reused", "idempotency_key", null);
    }
    return first;
  }

  private List<Order> byKey(String key) {
    return OrderRow.toOrders(db.from("orders").select(OrderRow.COLUMNS).eq("idempotency_key", key).order("idempotency_line", true)
        .list(OrderRow.class));
  }

  private static void check(String packageCode, int quantity) {
    OrderRules.requireValidPurchase(packageCode, quantity);
  }

}
