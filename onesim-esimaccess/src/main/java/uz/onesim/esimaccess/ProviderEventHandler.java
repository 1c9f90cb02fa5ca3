package uz.onesim.esimaccess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Handles eSIM Access webhook deliveries, framework-neutral: give it the request headers, the body
 * bytes and (optionally) the sender's IP; it parses, de-duplicates and orders, and says what to
 * do. The provider does not sign webhooks, so two optional defences exist: an IP allowlist, and
 * "verify by re-fetching", which confirms an event's claim with {@code esim/query} before it is
 * applied. Memory is bounded ({@link Builder#dedupCapacity}); a backend with a database should store
 * deliveries instead (onesim-backend's {@code ProviderEventReceiver}: nothing lost, nothing in memory).
 * Thread-safe.
 *
 * <pre>{@code
 * ProviderEventHandler hooks = ProviderEventHandler.builder().verifyWith(esimAccess).build();
 * ProviderEventResult r = hooks.handle(headers, body, remoteIp);
 * respond(r.httpStatus());
 * if (r.shouldApply()) apply(r.event());
 * }</pre>
 */
public final class ProviderEventHandler {
  /** The sender addresses eSIM Access documents. */
  public static final Set<String> PROVIDER_IPS = Set.of("3.1.131.226", "54.254.74.88", "18.136.190.97", "18.136.60.197", "18.136.19.137");

  private final ObjectMapper json = new ObjectMapper();
  private final EsimAccessClient verifier;
  private final Set<String> allowedIps;
  private final Set<String> seen;
  private final Map<String, Long> lastSeq;
  private final Map<String, String> lastTime;

  private ProviderEventHandler(Builder b) {
    this.verifier = b.verifier;
    this.allowedIps = b.allowedIps;
    int cap = b.dedupCapacity;
    this.seen = Collections.synchronizedSet(Collections.newSetFromMap(bounded(cap)));
    this.lastSeq = Collections.synchronizedMap(bounded(cap));
    this.lastTime = Collections.synchronizedMap(bounded(cap));
  }

  /** A map that forgets its least recently used entry beyond {@code cap}: memory stays bounded. */
  private static <V> Map<String, V> bounded(int cap) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > cap;
      }
    };
  }

  /** Starts a configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param headers request headers (unused by the provider today; kept for routing and future signing)
   * @param remoteIp the sender's address, or null when it is not known
   */
  public ProviderEventResult handle(Map<String, List<String>> headers, byte[] body, String remoteIp) {
    if (allowedIps != null && (remoteIp == null || !allowedIps.contains(remoteIp))) {
      return new ProviderEventResult(ProviderEventResult.Outcome.REJECTED, null, 403, "sender " + remoteIp + " is not allowed");
    }
    ProviderEvent event;
    try {
      event = parse(body);
    } catch (IOException | RuntimeException e) {
      return new ProviderEventResult(ProviderEventResult.Outcome.REJECTED, null, 400, "not a webhook JSON body");
    }
    if (event.notifyId() != null && !seen.add(event.notifyId())) {
      return new ProviderEventResult(ProviderEventResult.Outcome.DUPLICATE, event, 200, "notifyId seen before");
    }
    if (isStale(event)) {
      return new ProviderEventResult(ProviderEventResult.Outcome.STALE, event, 200, "older than an event already applied for this profile");
    }
    if (verifier != null && !confirmed(event)) {
      if (event.notifyId() != null) {
        seen.remove(event.notifyId());
      }
      return new ProviderEventResult(ProviderEventResult.Outcome.UNCONFIRMED, event, 200, "esim/query does not confirm it (yet)");
    }
    return new ProviderEventResult(ProviderEventResult.Outcome.APPLY, event, 200, null);
  }

  /** Parses a delivery body into its typed event. */
  public ProviderEvent parse(byte[] body) throws IOException {
    JsonNode root = json.readTree(body);
    if (root == null || !root.isObject() || !root.hasNonNull("notifyType")) {
      throw new IOException("no notifyType");
    }
    String type = root.get("notifyType").asText();
    String id = text(root, "notifyId");
    String at = text(root, "eventGenerateTime");
    JsonNode c = root.path("content");
    return switch (type) {
      case "CHECK_HEALTH" -> new ProviderEvent.CheckHealth(id, at);
      case "ORDER_STATUS" -> new ProviderEvent.OrderStatus(id, at, text(c, "orderNo"), text(c, "orderStatus"), text(c, "transactionId"));
      case "ESIM_STATUS" -> new ProviderEvent.EsimStatusChanged(id, at, text(c, "orderNo"), text(c, "transactionId"),
          text(c, "esimTranNo"), text(c, "iccid"), text(c, "esimStatus"), text(c, "smdpStatus"), number(c, "totalVolume"),
          number(c, "orderUsage"), number(c, "remainVolume"));
      case "SMDP_EVENT" -> new ProviderEvent.SmdpEvent(id, at, text(c, "orderNo"), text(c, "transactionId"), text(c, "esimTranNo"),
          text(c, "iccid"), text(c, "eid"), text(c, "esimStatus"), text(c, "smdpStatus"), number(c, "seqNumber"),
          text(c, "timestamp"), text(c, "notifyStatus"));
      case "DATA_USAGE" -> new ProviderEvent.DataUsage(id, at, text(c, "orderNo"), text(c, "transactionId"), text(c, "esimTranNo"),
          text(c, "iccid"), c.path("totalVolume").asLong(), c.path("orderUsage").asLong(), c.path("remain").asLong(),
          c.hasNonNull("remainThreshold") ? c.get("remainThreshold").asDouble() : null);
      case "VALIDITY_USAGE" -> new ProviderEvent.ValidityUsage(id, at, text(c, "orderNo"), text(c, "transactionId"),
          text(c, "esimTranNo"), text(c, "iccid"), c.hasNonNull("totalDuration") ? c.get("totalDuration").asInt() : null,
          text(c, "expiredTime"), c.hasNonNull("remain") ? c.get("remain").asInt() : null);
      default -> new ProviderEvent.Unknown(id, at, type, root.toString());
    };
  }

  /** Profile events older than the newest applied one for the same profile are stale. */
  private boolean isStale(ProviderEvent e) {
    String key;
    Long seq = null;
    if (e instanceof ProviderEvent.SmdpEvent s) {
      key = s.esimTranNo();
      seq = s.seqNumber();
    } else if (e instanceof ProviderEvent.EsimStatusChanged s) {
      key = s.esimTranNo();
    } else {
      return false;
    }
    if (key == null) {
      return false;
    }
    if (seq != null) {
      Long prev = lastSeq.merge(key, seq, Math::max);
      return prev > seq;
    }
    String at = e.generatedAt();
    if (at == null) {
      return false;
    }
    String newest = lastTime.merge(key + "/" + e.getClass().getSimpleName(), at, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    return newest.compareTo(at) > 0;
  }

  private boolean confirmed(ProviderEvent e) {
    try {
      if (e instanceof ProviderEvent.OrderStatus o) {
        List<EsimProfile> profiles = verifier.query(EsimQuery.order(o.orderNo(), 1, 5)).esimList();
        return !profiles.isEmpty() && profiles.stream().allMatch(p -> p.status().isAllocated());
      }
      if (e instanceof ProviderEvent.EsimStatusChanged s && s.esimTranNo() != null) {
        List<EsimProfile> p = verifier.query(EsimQuery.profile(s.esimTranNo())).esimList();
        return !p.isEmpty() && EsimStatus.of(s.esimStatus()) == p.get(0).status();
      }
      return true;
    } catch (ProviderException notYet) {
      return false;
    }
  }

  private static Long number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || !(v.isNumber() || v.asText().matches("-?\\d{1,18}")) ? null : v.asLong();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Configures a {@link ProviderEventHandler}. */
  public static final class Builder {
    private EsimAccessClient verifier;
    private Set<String> allowedIps;
    private int dedupCapacity = 100_000;

    private Builder() {}

    /** Confirm ORDER_STATUS and ESIM_STATUS events with {@code esim/query} before applying them. */
    public Builder verifyWith(EsimAccessClient client) {
      this.verifier = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** Accept deliveries only from these addresses (e.g. {@link #PROVIDER_IPS}). */
    public Builder allowIps(Set<String> ips) {
      this.allowedIps = Set.copyOf(ips);
      return this;
    }

    /** How many recent {@code notifyId}s (and profiles' newest event) to remember (default 100 000); memory is bounded by it. */
    public Builder dedupCapacity(int n) {
      this.dedupCapacity = n;
      return this;
    }

    /** The configured handler. */
    public ProviderEventHandler build() {
      return new ProviderEventHandler(this);
    }
  }
}
