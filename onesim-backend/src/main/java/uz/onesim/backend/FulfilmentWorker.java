package uz.onesim.backend;

import uz.onesim.backend.internal.EsimStates;
import uz.onesim.client.internal.OrderRow;
import uz.onesim.client.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.OrderStatus;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.esimaccess.EsimProfile;
import uz.onesim.esimaccess.EsimRef;
import uz.onesim.esimaccess.OrderLine;
import uz.onesim.esimaccess.OrderOutcomeUnknownException;
import uz.onesim.esimaccess.PlacedOrder;
import uz.onesim.esimaccess.ProviderError;
import uz.onesim.esimaccess.ProviderException;
import uz.onesim.esimaccess.ProviderEvent;
import uz.onesim.core.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns pending orders into eSIMs, as OneSIM's backend (service key + eSIM Access).
 *
 * <ol>
 *   <li>{@link #runOnce()} claims pending orders atomically ({@code claim_pending_orders}: row
 *       locks with SKIP LOCKED and a lease, so several fulfillers never claim the same order),
 *       groups them by package into provider orders of at most {@link Options#maxProfilesPerOrder},
 *       marks each batch PROCESSING under a provider transaction id derived from its order ids,
 *       places the provider order with that id (a repeat never buys twice), and records the
 *       provider's order number.
 *   <li>Allocation completes from the provider's ORDER_STATUS webhook ({@link #onProviderEvent}) or by
 *       polling ({@link Options#awaitAllocation}); the profiles are assigned to the orders in one
 *       statement ({@code complete_allocation}), which completes the partners' earnings.
 *   <li>Final provider refusals (insufficient balance, unknown package, …) mark the batch FAILED
 *       with the reason kept; an unknown outcome leaves it PROCESSING for {@link #reconcile()}.
 *   <li>{@link #reconcile()} repairs what a crash leaves behind by asking the provider: a batch
 *       marked PROCESSING but never recorded is replayed with its own transaction id (the
 *       provider returns the original order); a recorded one is allocated if its profiles are ready.
 *       Expired leases of pending orders are claimable again by themselves.
 * </ol>
 * Thread-safe; run one per worker.
 */
public final class FulfilmentWorker implements Worker {
  /** Tuning: the claim per pass and its lease (as every worker's {@link WorkerOptions}), batches and waiting. */
  public record Options(int batchSize, Duration lease, int maxProfilesPerOrder, Duration awaitAllocation) {
    /**
     * @throws uz.onesim.core.ValidationException unless the batch is 1 to 1000 orders, the lease 1 s
     *     to 1 h, 1 to 1000 profiles per provider order and the wait not negative
     */
    public Options {
      java.util.List<uz.onesim.core.Violation> v = new java.util.ArrayList<>();
      WorkerOptions.check(v, batchSize, lease);
      if (maxProfilesPerOrder < 1 || maxProfilesPerOrder > EsimAccessClient.MAX_PROFILES_PER_ORDER) {
        v.add(new uz.onesim.core.Violation("maxProfilesPerOrder", "out_of_range", "must be 1 to " + EsimAccessClient.MAX_PROFILES_PER_ORDER + " (the provider's batch size), got " + maxProfilesPerOrder));
      }
      if (awaitAllocation == null || awaitAllocation.isNegative()) {
        v.add(new uz.onesim.core.Violation("awaitAllocation", "out_of_range", "must be zero or more, got " + awaitAllocation));
      }
      if (!v.isEmpty()) {
        throw new uz.onesim.core.ValidationException(v);
      }
    }

    /**
     * 210 per claim (seven full provider orders), 2 min lease, 30 profiles per provider order (the
     * documented batch size), no waiting.
     */
    public static Options defaults() {
      return new Options(210, Duration.ofMinutes(2), 30, Duration.ZERO);
    }

    /** The same options, waiting up to {@code d} for the provider to allocate each order (zero: leave it to the webhook). */
    public Options withAwaitAllocation(Duration d) {
      return new Options(batchSize, lease, maxProfilesPerOrder, d);
    }

    /** The same options with at most {@code n} profiles (1 to 30) per provider order. */
    public Options withMaxProfilesPerOrder(int n) {
      return new Options(batchSize, lease, n, awaitAllocation);
    }

    /** The same options claiming at most {@code n} orders per pass. */
    public Options withBatchSize(int n) {
      return new Options(n, lease, maxProfilesPerOrder, awaitAllocation);
    }

    /** The same options holding claimed orders for {@code d}. */
    public Options withLease(Duration d) {
      return new Options(batchSize, d, maxProfilesPerOrder, awaitAllocation);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(FulfilmentWorker.class);
  private final PostgrestClient db;
  private final EsimAccessClient esim;
  private final String worker;
  private final Options options;
  private final Map<String, DeliveryChannel> channels = new LinkedHashMap<>();

  FulfilmentWorker(PostgrestClient db, EsimAccessClient esim, String worker, Options options) {
    this(db, esim, worker, options, List.of());
  }

  FulfilmentWorker(PostgrestClient db, EsimAccessClient esim, String worker, Options options, List<DeliveryChannel> channels) {
    this.db = db;
    this.esim = esim;
    this.worker = uz.onesim.backend.internal.Workers.requireName(worker);
    this.options = options;
    channels.forEach(c -> this.channels.put(c.method(), c));
  }

  /** {@code fulfilment}. */
  @Override
  public String name() {
    return "fulfilment";
  }

  /** One pass: claim, place, record (and allocate when configured to wait). */
  @Override
  public FulfilmentReport runOnce() {
    releaseHeldOver();
    List<OrderRow> claimed = db.rpc("claim_pending_orders", Map.of("p_worker", worker, "p_limit", options.batchSize(),
        "p_lease_seconds", options.lease().toSeconds())).select("*").list(OrderRow.class);
    List<String> placed = new ArrayList<>();
    List<FulfilmentReport.Failure> failures = new ArrayList<>();
    int allocated = 0;
    int waiting = 0;
    int lost = 0;
    java.util.Set<UUID> open = new java.util.LinkedHashSet<>();
    claimed.forEach(o -> open.add(o.id()));
    try {
    for (List<OrderRow> batch : batches(claimed)) {
      List<UUID> ids = batch.stream().map(OrderRow::id).sorted().toList();
      String txn = EsimAccessClient.transactionIdFor("onesim-batch:" + ids.stream().map(UUID::toString).collect(Collectors.joining(",")));
      org.slf4j.MDC.put("onesim.transaction_id", txn);
      org.slf4j.MDC.put("onesim.order_id", ids.get(0).toString());   // the batch's first order: every order of it carries txn
      if (!startBatch(ids, txn)) {
        lost += ids.size();   // the lease ran out: another worker may hold these now; send nothing
        continue;
      }
      try {
        String orderNo = place(txn, batch.get(0).packageCode(), ids.size());
        placed.add(orderNo);
        if (!options.awaitAllocation().isZero()) {
          allocated += allocate(orderNo, esim.awaitProfiles(orderNo, options.awaitAllocation())).size();
        } else {
          waiting += ids.size();
        }
      } catch (OrderOutcomeUnknownException unknown) {
        waiting += ids.size();  // reconcile() looks it up, then replays the same transaction id
      } catch (ProviderException refused) {
        if (refused.isRetryable() || leavesBatchWaiting(txn, batch.get(0).packageCode(), refused)) {
          waiting += ids.size();
        } else {
          failures.add(failBatch(txn, ids, refused));
        }
      } finally {
        releaseLease(ids);      // no longer in flight: what is still PROCESSING is reconcile's (or the webhook's)
        ids.forEach(open::remove);
        org.slf4j.MDC.remove("onesim.transaction_id");
        org.slf4j.MDC.remove("onesim.order_id");
      }
    }
    } catch (RuntimeException passFailed) {   // e.g. the database went away mid-pass
      heldOver.addAll(open);
      releaseHeldOver();
      throw passFailed;
    }
    if (lost > 0) {
      log.warn("fulfiller {}: the lease on {} claimed order(s) ran out before they were sent; left to the next claim", worker, lost);
    }
    return new FulfilmentReport(claimed.size(), placed, allocated, failures, waiting, claimed.size() >= options.batchSize());
  }

  /**
   * Orders a failed pass still holds (its lease could not be released then, e.g. the database was
   * down): released at the start of the next pass, so they wait for no lease to run out.
   */
  private final java.util.Set<UUID> heldOver = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private void releaseHeldOver() {
    if (heldOver.isEmpty()) {
      return;
    }
    List<UUID> ids = List.copyOf(heldOver);
    try {
      releaseLease(ids);
      ids.forEach(heldOver::remove);
    } catch (RuntimeException stillDown) {
      log.debug("fulfiller {}: {} held-over lease(s) not released yet: {}", worker, ids.size(), stillDown.toString());
    }
  }

  /** Ends this worker's lease on a batch it no longer has in flight, so reconcile may claim it at once. */
  private void releaseLease(List<UUID> ids) {
    db.rpc("release_order_leases", Map.of("p_worker", worker, "p_order_ids", ids)).execute();
  }

  /**
   * The fence: moves the batch to PROCESSING only while this worker still holds every order of it
   * under a live lease (start_order_batch, all or none). False when the lease was lost.
   */
  private boolean startBatch(List<UUID> ids, String txn) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_worker", worker);
    args.put("p_order_ids", ids);
    args.put("p_transaction_id", txn);
    try {
      return db.rpc("start_order_batch", args).list(UUID.class).size() == ids.size();
    } catch (ConflictException e) {
      if ("lease_lost".equals(e.code())) {
        return false;
      }
      throw e;
    }
  }

  /** Completes allocation of one provider order (the ORDER_STATUS webhook, or a poll). */
  public List<Order> completeAllocation(String providerOrderNo) {
    return allocate(providerOrderNo, esim.awaitProfiles(providerOrderNo, Duration.ofSeconds(1)));
  }

  /** Applies a verified webhook event: ORDER_STATUS completes that order's allocation. */
  public List<Order> onProviderEvent(ProviderEvent event) {
    if (event instanceof ProviderEvent.OrderStatus o && "GOT_RESOURCE".equals(o.orderStatus())) {
      return completeAllocation(o.orderNo());
    }
    return List.of();
  }

  /**
   * Repairs every in-between state by asking the provider, never by ordering anew. Claims whole
   * stuck batches under a lease (claim_processing_orders: several instances share the work, a batch
   * still in flight is not raced), pass after pass until none is left. An order is failed only when
   * the provider definitely refused it (the package or the stock is gone); when the outcome stays
   * unknown the batch waits for the next pass.
   */
  public FulfilmentReport reconcile() {
    List<String> placed = new ArrayList<>();
    List<FulfilmentReport.Failure> failures = new ArrayList<>();
    int seen = 0;
    int allocated = 0;
    int waiting = 0;
    for (int pass = 0; pass < MAX_RECONCILE_PASSES; pass++) {
      List<OrderRow> stuck = db.rpc("claim_processing_orders", Map.of("p_worker", worker, "p_limit", RECONCILE_CLAIM,
          "p_lease_seconds", options.lease().toSeconds())).select("*").list(OrderRow.class);
      if (stuck.isEmpty()) {
        break;
      }
      seen += stuck.size();
      Map<String, List<OrderRow>> byTxn = new LinkedHashMap<>();
      for (OrderRow r : stuck) {
        byTxn.computeIfAbsent(r.providerTransactionId(), k -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<String, List<OrderRow>> e : byTxn.entrySet()) {
        List<OrderRow> batch = e.getValue();
        org.slf4j.MDC.put("onesim.transaction_id", e.getKey());
        org.slf4j.MDC.put("onesim.order_id", batch.get(0).id().toString());
        String orderNo = batch.get(0).esimOrderNo();
        try {
          if (orderNo == null) {
            // Placed at the provider but not recorded (or never placed). Look it up first: the
            // provider may answer a replayed transaction id with an error instead of the first
            // order. Only when no profile carries the id is the same transaction id sent again.
            Optional<PlacedOrder> known = esim.findOrder(e.getKey(), earliest(batch).minus(LOOKUP_MARGIN),
                Instant.now().plus(Duration.ofDays(1)));
            orderNo = known.isPresent() ? record(e.getKey(), known.get()) : place(e.getKey(), batch.get(0).packageCode(), batch.size());
            placed.add(orderNo);
          }
          allocated += allocate(orderNo, esim.awaitProfiles(orderNo, Duration.ofSeconds(1))).size();
        } catch (ProviderException p) {
          if (DEFINITELY_NOT_PLACED.contains(p.error())) {
            failures.add(failBatch(e.getKey(), batch.stream().map(OrderRow::id).toList(), p));
          } else {
            leavesBatchWaiting(e.getKey(), batch.get(0).packageCode(), p);
            waiting += batch.size();   // e.g. a replay refused (200008): the first call may stand
          }
        } catch (OrderOutcomeUnknownException unknown) {
          waiting += batch.size();
        }
      }
    }
    org.slf4j.MDC.remove("onesim.transaction_id");
    org.slf4j.MDC.remove("onesim.order_id");
    return new FulfilmentReport(seen, placed, allocated, failures, waiting, false);
  }

  /** Refusals a waiting batch recovers from without anyone (the balance is topped up, the price re-synced). */
  private static final java.util.Set<ProviderError> SELF_HEALING = java.util.EnumSet.of(
      ProviderError.INSUFFICIENT_BALANCE, ProviderError.PRICE_MISMATCH);

  /** Refusals after which the provider certainly holds no order for the transaction id. */
  private static final java.util.Set<ProviderError> DEFINITELY_NOT_PLACED = java.util.EnumSet.of(
      ProviderError.PACKAGE_NOT_FOUND, ProviderError.PACKAGE_UNKNOWN, ProviderError.BUNDLE_UNKNOWN, ProviderError.OUT_OF_INVENTORY);
  /** Orders per reconcile claim: whole batches of at most 30 fit, and it stays under PostgREST's 1 000-row page. */
  private static final int RECONCILE_CLAIM = 900;
  private static final int MAX_RECONCILE_PASSES = 100;

  /**
   * Cancels an allocated, unused eSIM: the provider cancels and refunds, then the order becomes
   * CANCELLED (the partner's earning is cancelled and its totals reversed). A used or installed
   * eSIM cannot be refunded: {@link ConflictException}.
   */
  public Order cancel(UUID orderId) {
    OrderRow row = db.from("orders").select("*").eq("id", orderId).one(OrderRow.class);
    if (!OrderStatus.ALLOCATED.wire().equals(row.orderStatus()) || row.esimTranNo() == null) {
      throw new ConflictException("order " + orderId + " is " + row.orderStatus() + "; only an allocated eSIM can be cancelled",
          409, "illegal_transition", null, null, null, null);
    }
    try {
      esim.cancel(EsimRef.tranNo(row.esimTranNo()));
    } catch (ProviderException p) {
      if (p.error() == ProviderError.INVALID_STATE) {
        throw new ConflictException("the eSIM of order " + orderId + " has been installed or used and cannot be refunded",
            409, p.remoteCode(), p.requestId(), "esim_in_use", null, null);
      }
      throw p;
    }
    return db.from("orders").update(Map.of("order_status", OrderStatus.CANCELLED.wire())).eq("id", orderId)
        .select(OrderRow.COLUMNS).one(OrderRow.class).toOrder();
  }

  private List<Order> allocate(String providerOrderNo, List<EsimProfile> profiles) {
    List<Map<String, Object>> assignments = new ArrayList<>();
    profiles.stream().sorted(Comparator.comparing(EsimProfile::esimTranNo)).forEach(p -> {
      Map<String, Object> a = new LinkedHashMap<>(EsimStates.of(p));   // status, data, expiry: the lifecycle's own reading
      a.put("iccid", p.iccid());
      a.put("activation_code", p.ac());
      a.put("qr_code_url", p.qrCodeUrl());
      assignments.add(a);
    });
    List<Order> allocated = OrderRow.toOrders(db.rpc("complete_allocation", Map.of("p_esim_order_no", providerOrderNo,
        "p_profiles", assignments)).list(OrderRow.class));
    deliver(allocated);
    return allocated;
  }

  /**
   * Sends an allocated order's installation details again through the channel of its delivery
   * method (the customer lost the email, changed phone…); the attempt is recorded like the first.
   * Returns the outcome ({@code sent}, or {@code failed: …}).
   *
   * @throws uz.onesim.core.NotFoundException {@code unknown_order}
   * @throws uz.onesim.core.ConflictException {@code not_allocated} before allocation
   * @throws uz.onesim.core.ValidationException {@code no_channel} when no channel serves its method
   */
  public String resend(UUID orderId) {
    List<Order> found = OrderRow.toOrders(db.from("orders").select(OrderRow.COLUMNS).eq("id", orderId).list(OrderRow.class));
    if (found.isEmpty()) {
      throw new uz.onesim.core.NotFoundException("no order " + orderId, 404, "PT404", null, "unknown_order", "order_id", null);
    }
    Order o = found.get(0);
    if (o.status() != OrderStatus.ALLOCATED) {
      throw new uz.onesim.core.ConflictException("order " + orderId + " is " + o.status().wire() + "; only an allocated eSIM can be sent",
          409, "PT409", null, "not_allocated", "order_id", null);
    }
    String method = o.deliveryMethod() == null ? "email" : o.deliveryMethod().wire();
    if (!channels.containsKey(method)) {
      throw new uz.onesim.core.ValidationException("deliveryMethod", "no_channel", "this fulfiller has no channel for " + method);
    }
    return deliver(List.of(o)).get(orderId);
  }

  /**
   * Hands each allocated eSIM to its channel; a failure is recorded, never fatal. One request
   * records all outcomes, which are also returned by order id.
   */
  private Map<UUID, String> deliver(List<Order> allocated) {
    Map<UUID, String> outcomes = new LinkedHashMap<>();
    if (channels.isEmpty() || allocated.isEmpty()) {
      return outcomes;
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (Order o : allocated) {
      String method = o.deliveryMethod() == null ? "email" : o.deliveryMethod().wire();
      DeliveryChannel channel = channels.get(method);
      if (channel == null) {
        continue;
      }
      String outcome;
      try {
        outcome = channel.deliver(o);
      } catch (Exception e) {
        outcome = "failed: " + e.getClass().getSimpleName();
      }
      results.add(Map.of("order_id", o.id(), "delivery_status", Map.of(method, outcome)));
      outcomes.put(o.id(), outcome);
    }
    if (!results.isEmpty()) {
      db.rpc("record_delivery", Map.of("p_results", results)).execute();
    }
    return outcomes;
  }


  /**
   * Places one provider order under the price lock, and with {@code periodNum} for a day pass
   * ({@link uz.onesim.backend.internal.PlanTerms}, one request): each line carries the unit price
   * OneSIM last synced for the package, so a price the provider changed since fails with
   * {@code 200005} instead of silently eating the margin (then {@link #resyncCost} and the batch
   * waits for the next attempt at the new cost; the customer's price never changes). Without a
   * synced cost the line goes without a lock.
   */
  private String place(String txn, String packageCode, int count) {
    uz.onesim.backend.internal.PlanTerms terms = uz.onesim.backend.internal.PlanTerms.of(db, packageCode);
    return record(txn, esim.order(txn, List.of(new OrderLine(packageCode, count, terms.unitPrice(), terms.periodNum())), null));
  }

  /** After {@code 200005}: asks the provider for the package's price now and stores it as its cost. */
  private void resyncCost(String packageCode) {
    for (uz.onesim.esimaccess.EsimPackage p : esim.packages(uz.onesim.esimaccess.PackageQuery.plan(packageCode))) {
      if (p.packageCode().equals(packageCode)) {
        db.from("package_costs").upsert(List.of(Map.of("package_code", packageCode,
            "wholesale_price_usd", uz.onesim.core.Amounts.decimal(p.wholesalePrice()),
            "synced_at", java.time.OffsetDateTime.now().toString()))).onConflict("package_code").execute();
        log.warn("fulfiller {}: the provider's price of {} changed to {}; cost re-synced, its orders wait for the next attempt",
            worker, packageCode, p.wholesalePrice());
      }
    }
  }

  /**
   * A refusal that leaves a paid batch waiting instead of failing it: the provider's balance ran
   * out (operators top it up: health and metrics say so), the price moved (re-synced above), or a
   * code we do not know (never a final failure of a request that may have been processed).
   * Reconcile tries the batch again under the same transaction id; the reason stays on the orders.
   */
  private boolean leavesBatchWaiting(String txn, String packageCode, ProviderException refused) {
    if (DEFINITELY_NOT_PLACED.contains(refused.error())) {
      return false;
    }
    if (refused.error() == ProviderError.PRICE_MISMATCH) {
      resyncCost(packageCode);
    }
    // the balance running out and a moved price heal by themselves; anything else is counted, and a
    // batch refused private.max_order_attempts() times goes to a person (note_batch_refusal)
    boolean counted = !SELF_HEALING.contains(refused.error());
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_transaction_id", txn);
    args.put("p_reason", refused.error() + " (" + refused.remoteCode() + "): " + refused.details());
    args.put("p_counted", counted);
    if (db.rpc("note_batch_refusal", args).json().asBoolean()) {
      log.warn("fulfiller {}: batch {} refused again ({}); it waits for a person (resolveOrderReview)", worker, txn,
          refused.remoteCode());
    }
    return true;
  }

  private String record(String txn, PlacedOrder p) {
    db.from("orders").update(Map.of("esim_order_no", p.orderNo())).eq("provider_transaction_id", txn).execute();
    return p.orderNo();
  }

  /** When the batch's first order was created: its provider order cannot be older. */
  private static Instant earliest(List<OrderRow> batch) {
    return batch.stream().map(r -> r.createdAt().toInstant()).min(Instant::compareTo).orElseGet(Instant::now);
  }

  /** Clock skew and queueing allowed around a batch's own time when looking its provider order up. */
  private static final Duration LOOKUP_MARGIN = Duration.ofMinutes(10);

  /** Marks a batch the provider refused for good as FAILED, keeping the reason on the orders. */
  private FulfilmentReport.Failure failBatch(String txn, List<UUID> ids, ProviderException refused) {
    Map<String, Object> failed = new LinkedHashMap<>();
    failed.put("order_status", OrderStatus.FAILED.wire());
    failed.put("failure_reason", refused.error() + " (" + refused.remoteCode() + "): " + refused.details());
    failed.put("lease_until", null);
    db.from("orders").update(failed).eq("provider_transaction_id", txn).eq("order_status", OrderStatus.PROCESSING.wire()).execute();
    return new FulfilmentReport.Failure(ids, refused.remoteCode(), refused.error() + ": " + refused.details());
  }

  private List<List<OrderRow>> batches(List<OrderRow> claimed) {
    Map<String, List<OrderRow>> byPackage = new LinkedHashMap<>();
    for (OrderRow r : claimed) {
      byPackage.computeIfAbsent(r.packageCode(), k -> new ArrayList<>()).add(r);
    }
    List<List<OrderRow>> out = new ArrayList<>();
    for (List<OrderRow> rows : byPackage.values()) {
      for (int i = 0; i < rows.size(); i += options.maxProfilesPerOrder()) {
        out.add(rows.subList(i, Math.min(rows.size(), i + options.maxProfilesPerOrder())));
      }
    }
    return out;
  }
}
