package uz.onesim.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import uz.onesim.backend.PaymentConfirmation;
import uz.onesim.core.Amounts;

/**
 * An application with nothing of OneSIM's own but its payment provider's adapter: a made-up provider
 * that signs with the header {@code X-Test-Signature: valid} and posts {@code {"reference", "usd",
 * "orders"}}. Everything else comes from the starter.
 */
@SpringBootApplication
public class StarterTestApplication {
  @Bean
  PaymentConfirmation testPayments() {
    ObjectMapper json = new ObjectMapper();
    return (headers, body) -> {
      List<String> signature = headers.getOrDefault("x-test-signature", List.of());
      if (!signature.contains("valid")) {
        throw new IllegalArgumentException("bad signature");
      }
      try {
        JsonNode n = json.readTree(body);
        if (!n.hasNonNull("reference")) {
          return Optional.empty();   // a ping
        }
        List<UUID> orders = new ArrayList<>();
        n.path("orders").forEach(o -> orders.add(UUID.fromString(o.asText())));
        return Optional.of(new PaymentConfirmation.Confirmed("testpay", n.get("reference").asText(), Amounts.usd(n.get("usd").asText()),
            orders));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("not JSON", e);
      }
    };
  }
}
