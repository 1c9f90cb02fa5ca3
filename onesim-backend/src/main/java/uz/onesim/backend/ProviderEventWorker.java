package uz.onesim.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uz.onesim.backend.internal.EsimStates;
import uz.onesim.backend.internal.Failures;
import uz.onesim.backend.internal.Workers;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.esimaccess.EsimProfile;
import uz.onesim.esimaccess.EsimQuery;

/**
 * Applies stored provider webhook deliveries (docs/lifecycle.md). Claims them with SKIP LOCKED and
 * a lease (a crashed worker's claim is taken over when the lease ends), then:
 * <ul>
 *   <li>{@code ORDER_STATUS} (allocated): completes that order's allocation — idempotent;
 *   <li>{@code ESIM_STATUS}, {@code SMDP_EVENT}: re-syncs the profile from {@code esim/query} (one
 *       query per profile per pass, however many events it had), so an event that no longer matches
 *       the live state — out of order, or already overtaken — never writes a stale state;
 *   <li>{@code DATA_USAGE}, {@code VALIDITY_USAGE}: stores the figures (data only grows; the expiry is the provider's latest word);
 *   <li>anything else is marked ignored, with why (kept on the event).
 * </ul>
 * Older payload shapes are accepted when stored (see {@link ProviderEventReceiver}): without a
 * {@code notifyId} (de-duplicated on content) and with an ICCID only (matched to our live eSIM).
 * Profile states and the "applied" marks of their events are written in one transaction, which also
 * raises the lifecycle alerts due. A failure leaves the event for the next pass (10 attempts).
 */
public final class ProviderEventWorker implements Worker {
  /** 200 events per pass, held 2 minutes. */
  public static final WorkerOptions DEFAULTS = new WorkerOptions(200, Duration.ofMinutes(2));

  /** What one pass did. */
  public record Report(int claimed, int applied, int ignored, int failed, int profileQueries, boolean full) implements WorkerPass {
    /** Events applied or ignored. */
    @Override
    public int done() {
      return applied + ignored;
    }
  }

  private final PostgrestClient db;
  private final EsimAccessClient esim;
  private final FulfilmentWorker fulfiller;
  private final String worker;
  private final LifecycleOptions options;
  private final WorkerOptions work;

  ProviderEventWorker(PostgrestClient db, EsimAccessClient esim, FulfilmentWorker fulfiller, String worker, LifecycleOptions options,
      WorkerOptions work) {
    this.db = db;
    this.esim = esim;
    this.fulfiller = fulfiller;
    this.worker = Workers.requireName(worker);
    this.options = options;
    this.work = java.util.Objects.requireNonNull(work, "work == null");
  }

  private record Claimed(long id, String notifyType, String esimTranNo, String orderNo, JsonNode payload, OffsetDateTime receivedAt) {}

  /** {@code provider-events}. */
  @Override
  public String name() {
    return "provider-events";
  }

  /** One pass over the deliveries waiting now. */
  @Override
  public Report runOnce() {
    List<Claimed> claimed = db.rpc("claim_provider_events", Map.of("p_worker", worker, "p_limit", work.batchSize(),
        "p_lease_seconds", work.lease().toSeconds())).select("id,notify_type,esim_tran_no,order_no,payload,received_at").list(Claimed.class);
    List<Map<String, Object>> finished = new ArrayList<>();
    Map<String, List<Long>> resync = new LinkedHashMap<>();
    List<Map<String, Object>> states = new ArrayList<>();
    List<Long> stateEvents = new ArrayList<>();
    int ignored = 0;
    for (Claimed e : claimed) {
      JsonNode c = e.payload().path("content");
      switch (e.notifyType()) {
        case "ORDER_STATUS" -> {
          if ("GOT_RESOURCE".equals(c.path("orderStatus").asText()) && e.orderNo() != null) {
            try {
              fulfiller.completeAllocation(e.orderNo());
              finished.add(Map.of("id", e.id(), "outcome", "applied"));
            } catch (RuntimeException notYet) {
              finished.add(Map.of("id", e.id(), "error", Failures.describe(notYet)));
            }
          } else {
            finished.add(ignoredBecause(e.id(), e.orderNo() == null ? "no orderNo" : "orderStatus " + c.path("orderStatus").asText()));
            ignored++;
          }
        }
        case "ESIM_STATUS", "SMDP_EVENT" -> {
          if (e.esimTranNo() == null) {
            finished.add(ignoredBecause(e.id(), unmatched(c)));
            ignored++;
          } else {
            resync.computeIfAbsent(e.esimTranNo(), k -> new ArrayList<>()).add(e.id());
          }
        }
        case "DATA_USAGE" -> {
          if (e.esimTranNo() == null) {
            finished.add(ignoredBecause(e.id(), unmatched(c)));
            ignored++;
            continue;
          }
          states.add(EsimStates.usage(e.esimTranNo(), c.hasNonNull("totalVolume") ? c.get("totalVolume").asLong() : null,
              c.hasNonNull("orderUsage") ? c.get("orderUsage").asLong() : null));
          stateEvents.add(e.id());
        }
        case "VALIDITY_USAGE" -> {
          String generated = e.payload().path("eventGenerateTime").asText(null);
          if (e.esimTranNo() == null) {
            finished.add(ignoredBecause(e.id(), unmatched(c)));
            ignored++;
          } else if (generated == null) {
            // an older payload without its own time: it cannot be ordered, so ask the provider instead
            resync.computeIfAbsent(e.esimTranNo(), k -> new ArrayList<>()).add(e.id());
          } else {
            states.add(EsimStates.expiry(e.esimTranNo(), c.path("expiredTime").asText(null), generated));
            stateEvents.add(e.id());
          }
        }
        default -> {
          finished.add(ignoredBecause(e.id(), "notifyType " + e.notifyType() + " is not acted on"));
          ignored++;
        }
      }
    }
    int failed = 0;
    for (Map.Entry<String, List<Long>> profile : resync.entrySet()) {
      try {
        List<EsimProfile> live = esim.query(EsimQuery.profile(profile.getKey())).esimList();
        if (live == null || live.isEmpty()) {
          profile.getValue().forEach(id -> finished.add(ignoredBecause(id, "the provider does not list eSIM " + profile.getKey())));
          ignored += profile.getValue().size();
          continue;
        }
        states.add(EsimStates.of(live.get(0)));
        stateEvents.addAll(profile.getValue());
      } catch (RuntimeException providerFailed) {
        for (Long id : profile.getValue()) {
          finished.add(Map.of("id", id, "error", Failures.describe(providerFailed)));
        }
      }
    }
    if (!states.isEmpty()) {
      EsimStates.apply(db, states, stateEvents, options);
    }
    if (!finished.isEmpty()) {
      db.rpc("finish_provider_events", Map.of("p_results", finished)).execute();
    }
    for (Map<String, Object> f : finished) {
      if (f.containsKey("error")) {
        failed++;
      }
    }
    int applied = stateEvents.size() + (int) finished.stream().filter(f -> "applied".equals(f.get("outcome"))).count();
    return new Report(claimed.size(), applied, ignored, failed, resync.size(), claimed.size() >= work.batchSize());
  }

  private static Map<String, Object> ignoredBecause(long id, String reason) {
    return Map.of("id", id, "outcome", "ignored", "reason", reason);
  }

  /** Why an event names no eSIM of ours: no esimTranNo, and its ICCID (if any) matches none of our orders. */
  private static String unmatched(JsonNode content) {
    String iccid = content.path("iccid").asText(null);
    return iccid == null ? "no esimTranNo and no iccid" : "no esimTranNo, and no eSIM of ours has iccid " + iccid;
  }
}
