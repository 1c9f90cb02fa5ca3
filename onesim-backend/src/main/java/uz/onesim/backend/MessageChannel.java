package uz.onesim.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import uz.onesim.client.Order;
import uz.onesim.core.DeliveryMethod;

/**
 * Delivers an allocated eSIM by SMS or WhatsApp through a messaging gateway that speaks one
 * documented HTTP shape (docs/webhooks.md, "Delivery"): {@code POST <url>} with
 * {@code Authorization: Bearer <token>} and a JSON body
 * {@code {"channel": "sms"|"whatsapp", "to": "+998…", "text": "…", "order_id": "…", "install_url": "…"}};
 * any 2xx is sent. An adapter for a specific provider (Eskiz, Twilio, Meta) sits behind that shape.
 * Orders whose traveller has no phone number are refused (recorded; the eSIM stays allocated).
 * Thread-safe; the token never appears in {@code toString()}.
 */
public final class MessageChannel implements DeliveryChannel {
  /** Who receives it and who sold it, for one order. */
  public record Recipient(String phone, String brand) {}

  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DeliveryMethod method;
  private final String url;
  private final String token;
  private final OkHttpClient http;
  private final Function<Order, Recipient> recipients;

  /**
   * @param method {@link DeliveryMethod#SMS} or {@link DeliveryMethod#WHATSAPP}
   * @param recipients the phone and brand for an order ({@link OneSimBackend#messageChannel} looks them up)
   */
  public MessageChannel(DeliveryMethod method, String url, String token, OkHttpClient http, Function<Order, Recipient> recipients) {
    if (method != DeliveryMethod.SMS && method != DeliveryMethod.WHATSAPP) {
      throw new IllegalArgumentException("a message channel is sms or whatsapp, not " + method);
    }
    this.method = method;
    this.url = Objects.requireNonNull(url, "url == null");
    this.token = Objects.requireNonNull(token, "token == null");
    this.http = http.newBuilder().callTimeout(Duration.ofSeconds(15)).build();
    this.recipients = recipients;
  }

  @Override
  public String method() {
    return method.wire();
  }

  @Override
  public String deliver(Order order) throws IOException {
    if (order.activationCode() == null) {
      throw new IllegalArgumentException("the order has no activation code yet");
    }
    Recipient r = recipients.apply(order);
    if (r.phone() == null || r.phone().isBlank()) {
      throw new IllegalArgumentException("the traveller has no phone number");
    }
    String installUrl = order.qrCodeUrl();
    ObjectNode body = MAPPER.createObjectNode()
        .put("channel", method.wire())
        .put("to", r.phone())
        .put("text", r.brand() + ": your eSIM for " + order.packageCode() + " is ready. Activation code: " + order.activationCode()
            + (installUrl == null ? "" : " QR: " + installUrl))
        .put("order_id", order.id().toString())
        .put("install_url", installUrl);
    post(body);
    return "sent";
  }

  /** Sends a lifecycle notice to the traveller's phone through the same gateway shape (no {@code install_url}). */
  @Override
  public String sendNotice(EsimNotice notice) throws IOException {
    if (notice.customerPhone() == null || notice.customerPhone().isBlank()) {
      throw new IllegalArgumentException("the traveller has no phone number");
    }
    ObjectNode body = MAPPER.createObjectNode()
        .put("channel", method.wire())
        .put("to", notice.customerPhone())
        .put("text", NoticeText.of(notice).text())
        .put("order_id", notice.orderId().toString());
    post(body);
    return "sent";
  }

  private void post(ObjectNode body) throws IOException {
    Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
        .post(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("the messaging gateway answered HTTP " + response.code());
      }
    }
  }

  @Override
  public String toString() {
    return "MessageChannel{" + method.wire() + " via " + url + ", token redacted}";
  }
}
