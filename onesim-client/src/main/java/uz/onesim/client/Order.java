package uz.onesim.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.core.DeliveryMethod;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.OrderSource;
import uz.onesim.core.OrderStatus;
import uz.onesim.core.PaymentStatus;

/**
 * One order as the caller may see it: what was bought, for whom, at which price (priced by the
 * database), and — once allocated — the eSIM's ICCID, activation code and QR link.
 *
 * @param retail the retail price at order time
 * @param discount the partner's savings (0 for B2C)
 * @param paid what the buyer pays ({@code retail − discount})
 * @param retailUzs, discountUzs, paidUzs the same three in whole som at the order's FX snapshot
 *     ({@code fxRateUzs}); null only for shop orders from before som prices were recorded
 * @param deliveryMethod how the installation details reach the traveller
 * @param paymentStatus whether the money came in (only paid orders are fulfilled)
 * @param usage the eSIM's live state, data and expiry once allocated; null before
 */
public record Order(
    UUID id, OrderSource source, OrderStatus status, String packageCode, UUID userId, UUID partnerId,
    UUID endCustomerId, String customerFirstName, String customerLastName, String customerEmail, UUID groupId,
    MonetaryAmount retail, MonetaryAmount discount, MonetaryAmount paid, DiscountRate discountRate,
    MonetaryAmount retailUzs, MonetaryAmount discountUzs, MonetaryAmount paidUzs, BigDecimal fxRateUzs, String providerOrderNo,
    String esimTranNo, String iccid, String activationCode, String qrCodeUrl, String failureReason,
    DeliveryMethod deliveryMethod, OffsetDateTime createdAt,
    PaymentStatus paymentStatus, EsimUsage usage) {
}
