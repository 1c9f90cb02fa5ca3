package uz.onesim.backend;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uz.onesim.backend.internal.Failures;
import uz.onesim.backend.internal.Workers;
import uz.onesim.client.postgrest.PostgrestClient;

/**
 * Sends travellers the lifecycle notices the alerts call for — data low, about to expire, expired,
 * top-up applied — once each, through the channel the buyer chose for the order (email, SMS,
 * WhatsApp; {@code manual} sends nothing: the partner hands over itself), unless the traveller opted out (docs/lifecycle.md). Claims
 * with SKIP LOCKED and a lease; every outcome is recorded (sent, skipped with why, or failed after 5
 * attempts, 5 min × attempt apart). A channel failure never affects the eSIM.
 */
public final class NoticeWorker implements Worker {
  /** 100 notices per pass, held 2 minutes. */
  public static final WorkerOptions DEFAULTS = new WorkerOptions(100, java.time.Duration.ofMinutes(2));

  /** What one pass did. */
  public record Report(int claimed, int sent, int skipped, int retried, boolean full) implements WorkerPass {
    /** Notices sent or skipped (opted out, superseded). */
    @Override
    public int done() {
      return sent + skipped;
    }

    /** Notices to be tried again. */
    @Override
    public int failed() {
      return retried;
    }
  }

  private final PostgrestClient db;
  private final String worker;
  private final Map<String, DeliveryChannel> channels = new LinkedHashMap<>();

  private final WorkerOptions work;

  NoticeWorker(PostgrestClient db, String worker, List<DeliveryChannel> channels, WorkerOptions work) {
    this.work = java.util.Objects.requireNonNull(work, "work == null");
    this.db = db;
    this.worker = Workers.requireName(worker);
    channels.forEach(c -> this.channels.put(c.method(), c));
  }

  private record Claimed(UUID alertId, String kind, String ref, com.fasterxml.jackson.databind.JsonNode details, UUID orderId,
      UUID partnerId, String brand, String language, String deliveryMethod, String customerFirstName, String customerEmail,
      String customerPhone, boolean optedOut, String iccid, String packageCode, Long dataTotalBytes, Long dataUsedBytes,
      OffsetDateTime expiresAt) {}

  /** {@code notices}. */
  @Override
  public String name() {
    return "notices";
  }

  /** One pass over the notices due now (at most the batch size). */
  @Override
  public Report runOnce() {
    List<Claimed> claimed = db.rpc("claim_esim_notices", Map.of("p_worker", worker, "p_limit", work.batchSize(), "p_lease_seconds", work.lease().toSeconds()))
        .list(Claimed.class);
    List<Map<String, Object>> outcomes = new ArrayList<>();
    int sent = 0;
    int skipped = 0;
    int retried = 0;
    for (Claimed c : claimed) {
      EsimNotice.Kind kind = EsimNotice.Kind.fromWireOrNull(c.kind());
      DeliveryChannel channel = channels.get(c.deliveryMethod());
      String skip = kind == null ? "not a traveller notice" : c.optedOut() ? "opted out"
          : "manual".equals(c.deliveryMethod()) ? "delivery method manual" : channel == null ? "no " + c.deliveryMethod() + " channel" : null;
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", c.alertId());
      o.put("channel", c.deliveryMethod());
      if (skip != null) {
        o.put("status", "skipped");
        o.put("error", skip);
        skipped++;
      } else {
        try {
          channel.sendNotice(notice(c, kind));
          o.put("status", "sent");
          sent++;
        } catch (UnsupportedOperationException cannot) {
          o.put("status", "skipped");
          o.put("error", cannot.getMessage());
          skipped++;
        } catch (Exception failed) {
          o.put("status", "retry");
          o.put("error", Failures.describe(failed));
          retried++;
        }
      }
      outcomes.add(o);
    }
    if (!outcomes.isEmpty()) {
      db.rpc("record_notice_outcomes", Map.of("p_results", outcomes)).execute();
    }
    return new Report(claimed.size(), sent, skipped, retried, claimed.size() >= work.batchSize());
  }

  private static EsimNotice notice(Claimed c, EsimNotice.Kind kind) {
    String threshold = switch (kind) {
      case USAGE_LOW -> c.details().path("threshold_percent").asText("");
      case EXPIRING -> c.details().path("warning_hours").asText("");
      default -> "";
    };
    Instant expires = c.expiresAt() == null ? null : c.expiresAt().toInstant();
    return new EsimNotice(c.alertId(), kind, threshold, c.orderId(), c.brand(), c.language(), c.customerFirstName(),
        c.customerEmail(), c.customerPhone(), c.iccid(), c.packageCode(), c.dataTotalBytes(), c.dataUsedBytes(), expires);
  }
}
