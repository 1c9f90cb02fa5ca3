package uz.onesim.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import uz.onesim.client.postgrest.PostgrestClient;

/**
 * Receives eSIM Access webhook deliveries and stores each one in the database before answering, so
 * none is lost: a repeated {@code notifyId} is stored once; the provider gets 200 only after the
 * row is written (a database failure answers 503, and the provider may deliver again). Applying
 * is the {@link ProviderEventWorker}'s job. Nothing is kept in memory. Thread-safe.
 *
 * <pre>{@code
 * ProviderEventReceiver hooks = backend.providerEventReceiver(ProviderEventHandler.PROVIDER_IPS);
 * ProviderEventReceiver.Receipt r = hooks.receive(bodyBytes, remoteIp);
 * respond(r.httpStatus());
 * }</pre>
 */
public final class ProviderEventReceiver {
  /**
   * What to answer the provider.
   *
   * @param stored true when this delivery was new and is now stored
   */
  public record Receipt(int httpStatus, boolean stored, String reason) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PostgrestClient db;
  private final Set<String> allowedIps;

  ProviderEventReceiver(PostgrestClient db, Set<String> allowedIps) {
    this.db = db;
    this.allowedIps = allowedIps == null ? null : Set.copyOf(allowedIps);
  }

  /**
   * Stores one delivery. {@code remoteIp} is checked against the allowlist when one was given
   * (null means unknown and is refused then). {@code CHECK_HEALTH} is answered and not stored.
   */
  public Receipt receive(byte[] body, String remoteIp) {
    if (allowedIps != null && (remoteIp == null || !allowedIps.contains(remoteIp))) {
      return new Receipt(403, false, "sender " + remoteIp + " is not allowed");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject() || !root.path("notifyType").isTextual()) {
      return new Receipt(400, false, "not a webhook JSON body");
    }
    String type = root.get("notifyType").asText();
    if ("CHECK_HEALTH".equals(type)) {
      return new Receipt(200, false, "health check");
    }
    Map<String, Object> args = new LinkedHashMap<>();
    // older shapes have no notifyId: "" (a null argument would not be sent) and the database
    // de-duplicates on the type and content instead
    args.put("p_notify_id", root.hasNonNull("notifyId") ? root.get("notifyId").asText() : "");
    args.put("p_notify_type", type);
    args.put("p_payload", root);
    try {
      boolean fresh = db.rpc("receive_provider_event", args).json().asBoolean();
      return new Receipt(200, fresh, fresh ? null : "notifyId seen before");
    } catch (uz.onesim.core.BadRequestException refused) {
      return new Receipt(400, false, refused.getMessage());
    } catch (uz.onesim.core.OneSimException unavailable) {
      return new Receipt(503, false, "could not store the delivery; deliver again");
    }
  }
}
