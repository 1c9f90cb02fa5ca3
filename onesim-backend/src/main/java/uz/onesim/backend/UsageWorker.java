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
public final class UsageWorker implements Worker {
  /**
   * Up to 1 000 eSIMs per pass. The sweep claims nothing (reading usage twice is harmless), so the
   * lease is not used.
   */
  public static final WorkerOptions DEFAULTS = new WorkerOptions(1000, java.time.Duration.ofMinutes(2));

  /** What one pass did: eSIMs checked, provider calls, database requests. */
  public record Report(int checked, int providerCalls, int databaseRequests, boolean full) implements WorkerPass {
    /** eSIMs checked. */
    @Override
    public int claimed() {
      return checked;
    }

    /** eSIMs checked. */
    @Override
    public int done() {
      return checked;
    }

    /** None: a failed call fails the pass. */
    @Override
    public int failed() {
      return 0;
    }
  }

  private static final int PER_CALL = 10;
  private static final int PER_WRITE = 500;
  private static final int PER_READ = 1000;

  private final PostgrestClient db;
  private final EsimAccessClient esim;
  private final LifecycleOptions options;
  private final WorkerOptions work;

  UsageWorker(PostgrestClient db, EsimAccessClient esim, LifecycleOptions options, WorkerOptions work) {
    this.work = java.util.Objects.requireNonNull(work, "work == null");
    this.db = db;
    this.esim = esim;
    this.options = options;
  }

  private record Due(java.util.UUID orderId, String esimTranNo) {}

  /** {@code usage-sweep}. */
  @Override
  public String name() {
    return "usage-sweep";
  }

  /** Checks up to the batch size of eSIMs that are due. */
  @Override
  public Report runOnce() {
    int max = work.batchSize();
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
    return new Report(checked, calls, requests, checked >= max);
  }
}
