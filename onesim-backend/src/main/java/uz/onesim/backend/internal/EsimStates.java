package uz.onesim.backend.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uz.onesim.backend.LifecycleOptions;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.esimaccess.EsimProfile;
import uz.onesim.esimaccess.ProviderTime;

/** Builds the rows {@code apply_esim_states} takes and sends them in one request. Not API. */
public final class EsimStates {
  private static final Set<String> INSTALLED_SMDP = Set.of("INSTALLATION", "ENABLED", "DISABLED");

  private EsimStates() {}

  /** The live state of a profile as {@code esim/query} shows it. */
  public static Map<String, Object> of(EsimProfile p) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("esim_tran_no", p.esimTranNo());
    s.put("esim_status", p.esimStatus());
    s.put("smdp_status", p.smdpStatus());
    s.put("total_volume", p.totalVolume());
    s.put("order_usage", p.orderUsage());
    s.put("expired_time", iso(p.expiredTime()));
    s.put("installed", p.installationTime() != null && !p.installationTime().isBlank() || INSTALLED_SMDP.contains(p.smdpStatus()));
    return s;
  }

  /** Data figures only (a usage answer or a DATA_USAGE event). */
  public static Map<String, Object> usage(String esimTranNo, Long totalVolume, Long orderUsage) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("esim_tran_no", esimTranNo);
    s.put("total_volume", totalVolume);
    s.put("order_usage", orderUsage);
    return s;
  }

  /**
   * An expiry only (a VALIDITY_USAGE event) as the provider stated it at {@code eventGenerateTime}:
   * an older statement arriving late never overwrites a newer one (apply_esim_states).
   */
  public static Map<String, Object> expiry(String esimTranNo, String expiredTime, String eventGenerateTime) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("esim_tran_no", esimTranNo);
    s.put("expired_time", iso(expiredTime));
    s.put("observed_at", iso(eventGenerateTime));
    return s;
  }

  /** Applies {@code states}, marks {@code eventIds} applied, raises the alerts due — one request, one transaction. */
  public static int apply(PostgrestClient db, List<Map<String, Object>> states, List<Long> eventIds, LifecycleOptions options) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_states", states);
    args.put("p_event_ids", eventIds);
    args.put("p_usage_percents", options.usagePercents());
    args.put("p_expiry_warning_hours", options.expiryWarning().toHours());
    return db.rpc("apply_esim_states", args).json().asInt();
  }

  private static String iso(String providerTime) {
    Instant at = ProviderTime.parseOrNull(providerTime);
    return at == null ? null : at.toString();
  }
}
