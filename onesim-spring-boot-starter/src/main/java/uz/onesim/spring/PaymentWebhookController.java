package uz.onesim.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.PaymentConfirmation;
import uz.onesim.core.ApiException;
import uz.onesim.core.OneSimException;

/**
 * The shop's payment provider's webhook ({@code onesim.payments.enabled=true}; path
 * {@code onesim.payments.path}, default {@code /webhooks/payments}), through the application's
 * {@link PaymentConfirmation} bean (it verifies the provider's signature and parses its format).
 * A confirmed payment is recorded once per provider reference (a replay is harmless): 200. Not a
 * payment (pending, a ping): 200, nothing recorded. A body the adapter refuses: 400. A refusal of
 * the payment itself (e.g. the amount does not match): 409 with the code, so it is not retried; a
 * failure that may pass later: 503, so the provider delivers it again.
 */
@RestController
public class PaymentWebhookController {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookController.class);
  private final PaymentConfirmation adapter;
  private final OneSimBackend backend;

  PaymentWebhookController(PaymentConfirmation adapter, OneSimBackend backend) {
    this.adapter = adapter;
    this.backend = backend;
  }

  @PostMapping(path = "${onesim.payments.path:/webhooks/payments}")
  public ResponseEntity<String> receive(@RequestBody byte[] body, HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    Optional<PaymentConfirmation.Confirmed> payment;
    try {
      payment = adapter.parse(headers, body);
    } catch (RuntimeException refused) {
      LOG.warn("payment webhook refused by its adapter: {}", refused.toString());
      return ResponseEntity.badRequest().body("not a valid delivery");
    }
    if (payment.isEmpty()) {
      return ResponseEntity.ok("not a payment");
    }
    PaymentConfirmation.Confirmed c = payment.get();
    try {
      backend.payments().confirm(c.orderIds(), c.provider(), c.reference(), c.amount());
      return ResponseEntity.ok("confirmed");
    } catch (ApiException e) {
      if (e.isRetryable() || e.status() >= 500 || e.status() == 0) {
        return ResponseEntity.status(503).body("try again");
      }
      LOG.warn("payment {} of {} refused: {}", c.reference(), c.provider(), e.code());
      return ResponseEntity.status(409).body(e.code());
    } catch (OneSimException e) {
      LOG.warn("payment {} of {} refused: {}", c.reference(), c.provider(), e.code());
      return ResponseEntity.status(409).body(e.code());
    }
  }
}
