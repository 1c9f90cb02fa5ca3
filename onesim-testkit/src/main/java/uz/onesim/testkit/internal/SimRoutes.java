package uz.onesim.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import uz.onesim.testkit.internal.SimStore.SimError;

/** The simulator's endpoints: each path of {@code /api/v1/open/} mapped to the store, with the provider's input checks. */
public final class SimRoutes {
  private final SimStore store;
  private final SimWebhooks webhooks;
  private final Clock clock;
  private final ObjectMapper json;

  public SimRoutes(SimStore store, SimWebhooks webhooks, Clock clock, ObjectMapper json) {
    this.store = store;
    this.webhooks = webhooks;
    this.clock = clock;
    this.json = json;
  }

  /** The {@code obj} of the answer to {@code endpoint}; a refusal is a {@link SimError}. */
  public Object dispatch(String endpoint, Map<String, Object> req) throws JsonProcessingException {
    return switch (endpoint) {
      case "package/list" -> Map.of("packageList", store.packageList(req));
      case "esim/order" -> order(req);
      case "esim/query" -> store.query(req);
      case "esim/cancel" -> act(() -> store.cancel(req));
      case "esim/suspend" -> act(() -> store.suspend(req));
      case "esim/unsuspend" -> act(() -> store.unsuspend(req));
      case "esim/revoke" -> act(() -> store.revoke(req));
      case "esim/topup" -> store.topUp(req);
      case "balance/query" -> Map.of("balance", store.balance());
      case "esim/usage/query" -> Map.of("esimUsageList", store.usage(stringList(req.get("esimTranNoList"))));
      case "location/list" -> Map.of("locationList", List.of(
          Map.of("code", "TR", "name", "Turkey", "type", 1),
          Map.of("code", "EU-42", "name", "Europe", "type", 2, "subLocationList", List.of(Map.of("code", "DE", "name", "Germany")))));
      case "webhook/save" -> saveWebhook(req);
      case "webhook/query" -> webhooks.url() == null ? Map.of() : Map.of("webhook", webhooks.url());
      case "esim/sendSms" -> act(() -> {
        String m = (String) req.get("message");
        if (m == null || m.length() > 500) {
          throw new SimError("000107", "message length");
        }
        store.checkSmsTarget(req);
      });
      default -> throw new SimError("000103", "unknown endpoint " + endpoint);
    };
  }

  @SuppressWarnings("unchecked")
  private Object order(Map<String, Object> req) throws JsonProcessingException {
    Object txn = req.get("transactionId");
    if (txn == null || txn.toString().isBlank()) {
      throw new SimError("000105", "transactionId is required");
    }
    if (txn.toString().length() > 50) {
      throw new SimError("000107", "transactionId longer than 50");
    }
    Object lines = req.get("packageInfoList");
    if (!(lines instanceof List<?> l) || l.isEmpty()) {
      throw new SimError("000105", "packageInfoList is required");
    }
    Long amount = req.get("amount") == null ? null : ((Number) req.get("amount")).longValue();
    String fingerprint = json.writeValueAsString(List.of(lines, String.valueOf(amount)));
    return store.order(txn.toString(), (List<Map<String, Object>>) lines, amount, fingerprint);
  }

  private Object saveWebhook(Map<String, Object> req) {
    String url = (String) req.get("webhook");
    if (url == null) {
      throw new SimError("000105", "webhook is required");
    }
    Map<String, Object> health = Map.of("notifyType", "CHECK_HEALTH", "notifyId", java.util.UUID.randomUUID().toString().replace("-", ""),
        "eventGenerateTime", clock.instant().toString(), "content", Map.of("orderNo", "1234567890", "orderStatus", "Test"));
    if (!webhooks.post(url, health)) {
      throw new SimError("000001", "the webhook URL did not answer the CHECK_HEALTH test");
    }
    webhooks.url(url);
    return Map.of();
  }

  private static Object act(Runnable r) {
    r.run();
    return Map.of();
  }

  private static List<String> stringList(Object o) {
    if (!(o instanceof List<?> l) || l.isEmpty() || l.size() > 10) {
      throw new SimError("000107", "esimTranNoList takes 1 to 10 ids");
    }
    return l.stream().map(Object::toString).toList();
  }
}
