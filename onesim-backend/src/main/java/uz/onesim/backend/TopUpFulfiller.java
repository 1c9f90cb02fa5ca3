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
public final class TopUpFulfiller {
  /** What one pass did. */
  public record Report(int claimed, int applied, int failed, int retried) {}

  private final PostgrestClient db;
  private final EsimAccessClient esim;
  private final String worker;

  TopUpFulfiller(PostgrestClient db, EsimAccessClient esim, String worker) {
    this.db = db;
    this.esim = esim;
    this.worker = Workers.requireName(worker);
  }

  private record Claimed(UUID id, UUID orderId, String packageCode, String esimTranNo, int attempts) {}

  /** The provider transaction id of a top-up: the same on every attempt, by any worker. */
  public static String transactionIdOf(UUID topUpId) {
    return EsimAccessClient.transactionIdFor("onesim-topup:" + topUpId);
  }

  /** One pass over the paid top-ups waiting now (at most {@code limit}). */
  public Report runOnce(int limit) {
    List<Claimed> claimed = db.rpc("claim_topups", Map.of("p_worker", worker, "p_limit", limit, "p_lease_seconds", 120))
        .list(Claimed.class);
    int applied = 0;
    int failed = 0;
    int retried = 0;
    for (Claimed c : claimed) {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("p_topup_id", c.id());
      try {
        TopUpResult r = esim.topUp(new TopUpRequest(EsimRef.tranNo(c.esimTranNo()), c.packageCode(), transactionIdOf(c.id()), null, null));
        Instant expires = ProviderTime.parseOrNull(r.expiredTime());
        args.put("p_outcome", "applied");
        args.put("p_provider_tran_no", r.topUpEsimTranNo());
        args.put("p_total_volume", r.totalVolume());
        args.put("p_expired_time", expires == null ? null : expires.toString());
        applied++;
      } catch (ProviderException refused) {
        if (refused.isRetryable()) {
          args.put("p_outcome", "retry");
          retried++;
        } else {
          args.put("p_outcome", "failed");
          failed++;
        }
        args.put("p_error", refused.error() + " (" + refused.remoteCode() + "): " + refused.details());
      } catch (OneSimException unknownOrFault) {   // OutcomeUnknownException (settled next pass, same id) or a transport fault
        args.put("p_outcome", "retry");
        args.put("p_error", Failures.describe(unknownOrFault));
        retried++;
      }
      db.rpc("complete_topup", args).execute();
    }
    return new Report(claimed.size(), applied, failed, retried);
  }
}
