package uz.onesim.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.money.MonetaryAmount;

/**
 * The adapter between a payment provider's webhook (Payme, Click, Stripe, …) and
 * {@link PaymentService#confirm}: it verifies the provider's signature its own way and turns a
 * successful payment into one {@link Confirmed}. The provider itself stays outside the SDK.
 *
 * <pre>{@code
 * PaymentConfirmation payme = (headers, body) -> ...;            // verify, parse, or Optional.empty()
 * payme.parse(headers, body).ifPresent(c ->
 *     backend.payments().confirm(c.orderIds(), c.provider(), c.reference(), c.amount()));
 * }</pre>
 */
@FunctionalInterface
public interface PaymentConfirmation {
  /** A verified, successful payment, or empty for events that are not one (pending, failed, a ping). */
  Optional<Confirmed> parse(Map<String, List<String>> headers, byte[] body);

  /**
   * One confirmed payment.
   *
   * @param provider a stable provider name, e.g. {@code payme}
   * @param reference the provider's transaction id (the de-duplication key)
   * @param amount what was paid, in USD or UZS
   * @param orderIds the shop orders it pays for (the checkout's cart)
   */
  record Confirmed(String provider, String reference, MonetaryAmount amount, List<UUID> orderIds) {}
}
