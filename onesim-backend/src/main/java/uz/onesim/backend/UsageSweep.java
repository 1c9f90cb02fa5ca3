package uz.onesim.backend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uz.onesim.backend.internal.EsimStates;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.esimaccess.UsageRecord;

/**
 * Polls the provider for the data use of live eSIMs — the ones asked longest ago first — and stores
 * it with the lifecycle alerts now due (docs/lifecycle.md). {@code esim/usage/query} takes at most
 * 10 profiles per call; calls are paced by the provider client's rate limit (8 per second by
 * default). Results are written 500 eSIMs per request. Webhooks ({@code DATA_USAGE}) keep the
 * figures fresher in between; the sweep is what makes them complete.
 */
public final class UsageSweep {
  /** What one run did: eSIMs checked, provider calls, database requests. */
  public record Report(int checked, int providerCalls, int databaseRequests) {}

  private static final int PER_CALL = 10;
  private static final int PER_WRITE = 500;
  private static final int PER_READ = 1000;

  private final PostgrestClient db;
  private final EsimAccessClient esim;
  private final LifecycleOptions options;

  UsageSweep(PostgrestClient db, EsimAccessClient esim, LifecycleOptions options) {
    this.db = db;
    this.esim = esim;
    this.options = options;
  }

  private record Due(java.util.UUID orderId, String esimTranNo) {}

  /** Checks up to {@code max} eSIMs that are due. */
  public Report run(int max) {
    if (max < 1) {
      throw new uz.onesim.core.ValidationException("max", "must_be_positive", "must be at least 1, got " + max);
    }
    int checked = 0;
    int calls = 0;
    int requests = 0;
    Set<String> seen = new HashSet<>();
    while (checked < max) {
      List<Due> due = db.rpc("esims_due_for_usage", Map.of("p_limit", Math.min(PER_READ, max - checked),
          "p_min_age_seconds", options.usageMinAge().toSeconds())).get().list(Due.class);
      requests++;
      List<String> fresh = due.stream().map(Due::esimTranNo).filter(seen::add).toList();
      if (fresh.isEmpty()) {
        break;
      }
      List<Map<String, Object>> states = new ArrayList<>();
      for (int i = 0; i < fresh.size(); i += PER_CALL) {
        List<String> chunk = fresh.subList(i, Math.min(fresh.size(), i + PER_CALL));
        Map<String, UsageRecord> answered = new LinkedHashMap<>();
        esim.usage(chunk).forEach(u -> answered.put(u.esimTranNo(), u));
        calls++;
        for (String tran : chunk) {
          UsageRecord u = answered.get(tran);
          states.add(u == null ? EsimStates.usage(tran, null, null) : EsimStates.usage(tran, u.totalData(), u.dataUsage()));
        }
        if (states.size() >= PER_WRITE) {
          EsimStates.apply(db, states, List.of(), options);
          requests++;
          states = new ArrayList<>();
        }
      }
      if (!states.isEmpty()) {
        EsimStates.apply(db, states, List.of(), options);
        requests++;
      }
      checked += fresh.size();
    }
    return new Report(checked, calls, requests);
  }
}
