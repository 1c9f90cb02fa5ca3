package uz.onesim.backend;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uz.onesim.backend.internal.Failures;
import uz.onesim.backend.internal.Workers;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.OneSimException;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.esimaccess.EsimProfile;
import uz.onesim.esimaccess.EsimRef;
import uz.onesim.esimaccess.ProviderException;
import uz.onesim.esimaccess.ProviderTime;
import uz.onesim.esimaccess.TopUpRequest;
import uz.onesim.esimaccess.TopUpResult;

/**
 * Applies paid top-ups at the provider, exactly once (docs/lifecycle.md, "Top-ups"). Claims them with
 * SKIP LOCKED and a lease; each top-up has one provider transaction id derived from its own id, and
 * the provider client settles a lost answer by asking for the profile before any replay. Applied:
 * the new totals go on the order and a {@code topup_applied} alert is raised (partner event,
 * traveller notice). Refused by the provider: failed, and a partner's payment credited back. Unknown
 * outcome or a provider/transport fault: released for the next pass, same transaction id.
 */
public final class TopUpWorker implements Worker {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TopUpWorker.class);

  /** 50 top-ups per pass, held 2 minutes. */
  public static final WorkerOptions DEFAULTS = new WorkerOptions(50, java.time.Duration.ofMinutes(2));

  /** What one pass did. */
  public record Report(int claimed, int applied, int failed, int retried, int needsReview, boolean full) implements WorkerPass {
    /** Top-ups applied. */
    @Override
    public int done() {
      return applied;
    }
  }

  private final PostgrestClient db;
  private final EsimAccessClient esim;
  private final String worker;

  private final WorkerOptions work;

  TopUpWorker(PostgrestClient db, EsimAccessClient esim, String worker, WorkerOptions work) {
    this.work = java.util.Objects.requireNonNull(work, "work == null");
    this.db = db;
    this.esim = esim;
    this.worker = Workers.requireName(worker);
  }

  private record Claimed(UUID id, UUID orderId, String packageCode, String esimTranNo, String iccid, int attempts,
      String providerIdentifier, String failureReason, Long volumeBefore) {

    /**
     * How the next request names the eSIM: by {@code esimTranNo} (the doc's preference) unless the
     * last attempt did and was refused with {@code 000001} or {@code 000104} (a live integration saw
     * that for some eSIMs while {@code iccid} worked), then by {@code iccid}; and back the other way.
     */
    EsimRef nextTarget() {
      boolean refused = failureReason != null && (failureReason.contains("(000001)") || failureReason.contains("(000104)"));
      boolean lastByIccid = "iccid".equals(providerIdentifier);
      boolean byIccid = refused && providerIdentifier != null ? !lastByIccid : lastByIccid;
      return byIccid && iccid != null ? EsimRef.iccid(iccid) : EsimRef.tranNo(esimTranNo);
    }
  }

  /**
   * The provider transaction id of a top-up: the same on every attempt, by any worker, and short
   * ({@code tu} + 20 hex digits): a live integration saw {@code 000001} for long, UUID-like ids.
   */
  public static String transactionIdOf(UUID topUpId) {
    return "tu" + EsimAccessClient.transactionIdFor("onesim-topup:" + topUpId).substring(3, 23);
  }

  /** {@code topups}. */
  @Override
  public String name() {
    return "topups";
  }

  /** Attempts per top-up before it goes to a person (needs_review) instead of being tried again. */
  static final int MAX_ATTEMPTS = 5;

  /**
   * One pass over the paid top-ups waiting now (at most the batch size). A top-up tried before is
   * first settled by what the provider shows (a package line carrying our transaction id: applied;
   * top-up lines that all carry other ids: not applied, send again); when a top-up line carries no
   * transaction id it cannot be told, and the top-up goes to {@code needs_review} — never a blind
   * resend, never a refund of what may have been applied. After {@value #MAX_ATTEMPTS} attempts too.
   */
  @Override
  public Report runOnce() {
    List<Claimed> claimed = db.rpc("claim_topups", Map.of("p_worker", worker, "p_limit", work.batchSize(), "p_lease_seconds", work.lease().toSeconds()))
        .list(Claimed.class);
    int applied = 0;
    int failed = 0;
    int retried = 0;
    int review = 0;
    for (Claimed c : claimed) {
      org.slf4j.MDC.put("onesim.topup_id", c.id().toString());
      org.slf4j.MDC.put("onesim.order_id", c.orderId().toString());
      org.slf4j.MDC.put("onesim.transaction_id", transactionIdOf(c.id()));
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("p_topup_id", c.id());
      String outcome = c.attempts() > 1 ? settle(c, args) : "send";
      if ("send".equals(outcome)) {
        outcome = send(c, args);
      }
      if ("lost".equals(outcome)) {   // another worker holds it now: it records the outcome
        retried++;
        continue;
      }
      if ("retry".equals(outcome) && c.attempts() >= MAX_ATTEMPTS) {
        outcome = review(args, "no definite outcome after " + c.attempts() + " attempts: " + args.get("p_error"));
      }
      switch (outcome) {
        case "applied" -> applied++;
        case "failed" -> failed++;
        case "review" -> review++;
        default -> retried++;
      }
      db.rpc("complete_topup", args).execute();
    }
    org.slf4j.MDC.remove("onesim.topup_id");
    org.slf4j.MDC.remove("onesim.order_id");
    org.slf4j.MDC.remove("onesim.transaction_id");
    return new Report(claimed.size(), applied, failed, retried, review, claimed.size() >= work.batchSize());
  }

  /** What the provider shows for a top-up tried before: "applied", "send" (certainly not applied) or "review". */
  private String settle(Claimed c, Map<String, Object> args) {
    String txn = transactionIdOf(c.id());
    try {
      List<EsimProfile> live = esim.query(uz.onesim.esimaccess.EsimQuery.profile(c.esimTranNo())).esimList();
      if (live == null || live.isEmpty()) {
        return review(args, "the provider no longer lists the eSIM");
      }
      EsimProfile p = live.get(0);
      List<EsimProfile.ProfilePackage> lines = p.packageList() == null ? List.of() : p.packageList();
      for (EsimProfile.ProfilePackage line : lines) {
        if (txn.equals(line.transactionId())) {
          Instant expires = ProviderTime.parseOrNull(p.expiredTime());
          args.put("p_outcome", "applied");
          args.put("p_provider_tran_no", line.esimTranNo());
          args.put("p_total_volume", p.totalVolume());
          args.put("p_expired_time", expires == null ? null : expires.toString());
          return "applied";
        }
      }
      if (c.volumeBefore() != null && p.totalVolume() != null && p.totalVolume() > c.volumeBefore()) {
        // grown since before the first attempt: applied, though its line is not (yet) shown
        Instant expires = ProviderTime.parseOrNull(p.expiredTime());
        args.put("p_outcome", "applied");
        args.put("p_total_volume", p.totalVolume());
        args.put("p_expired_time", expires == null ? null : expires.toString());
        return "applied";
      }
      boolean untagged = lines.stream().filter(l -> l.esimTranNo() == null || !l.esimTranNo().equals(p.esimTranNo()))
          .anyMatch(l -> l.transactionId() == null);
      if (untagged) {
        return review(args, "a top-up line at the provider carries no transaction id: whether the earlier attempt applied cannot be told");
      }
      return "send";
    } catch (OneSimException providerFault) {
      args.put("p_outcome", "retry");
      args.put("p_error", "settling by query: " + Failures.describe(providerFault));
      return "retry";
    }
  }

  private static String review(Map<String, Object> args, String why) {
    args.put("p_outcome", "review");
    args.put("p_error", why);
    return "review";
  }

  /**
   * The fence before every {@code esim/topup} request: this worker must still hold the top-up, and
   * its lease is extended to cover the request ({@code start_topup}), so no other worker claims it
   * while the request may still reach the provider.
   */
  private void fence(UUID topUpId, EsimRef target, Long volumeBefore) {
    long hold = esim.callBound().plus(IN_TRANSIT_MARGIN).toSeconds();
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_topup_id", topUpId);
    args.put("p_worker", worker);
    args.put("p_hold_seconds", hold);
    args.put("p_identifier", target.esimTranNo() != null ? "esimTranNo" : "iccid");
    if (volumeBefore != null) {
      args.put("p_volume_before", volumeBefore);
    }
    db.rpc("start_topup", args).execute();
  }

  /** Room beyond the call timeout for a request still on its way when the client gave up. */
  static final java.time.Duration IN_TRANSIT_MARGIN = java.time.Duration.ofSeconds(30);

  private String send(Claimed c, Map<String, Object> args) {
    try {
      EsimRef target = c.nextTarget();
      // what the eSIM holds before the first attempt: a lost answer is settled by its growth too
      Long before = c.volumeBefore() != null ? c.volumeBefore() : esim.volumeOf(target);
      if (before == null) {   // without it a lost answer could not be told where lines appear late: send nothing yet
        args.put("p_outcome", "retry");
        args.put("p_error", "could not read the eSIM before sending; nothing sent");
        return "retry";
      }
      Integer days = uz.onesim.backend.internal.PlanTerms.of(db, c.packageCode()).periodNum();   // a day pass's days
      TopUpResult r = esim.topUp(new TopUpRequest(target, c.packageCode(), transactionIdOf(c.id()), null, days),
          () -> fence(c.id(), target, before), before);
      Instant expires = ProviderTime.parseOrNull(r.expiredTime());
      args.put("p_outcome", "applied");
      args.put("p_provider_tran_no", r.topUpEsimTranNo());
      args.put("p_total_volume", r.totalVolume());
      args.put("p_expired_time", expires == null ? null : expires.toString());
      return "applied";
    } catch (ProviderException refused) {
      args.put("p_error", refused.error() + " (" + refused.remoteCode() + "): " + refused.details());
      args.put("p_outcome", refused.isRetryable() ? "retry" : "failed");
      return refused.isRetryable() ? "retry" : "failed";
    } catch (uz.onesim.core.ConflictException lost) {
      if (!"lease_lost".equals(lost.code())) {
        throw lost;
      }
      LOG.info("top-up {}: lease lost before sending; nothing sent", c.id());
      return "lost";
    } catch (OneSimException unknownOrFault) {   // OutcomeUnknownException (settled by query next pass) or a transport fault
      args.put("p_outcome", "retry");
      args.put("p_error", Failures.describe(unknownOrFault));
      return "retry";
    }
  }
}
