package uz.onesim.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.OrderSource;
import uz.onesim.core.OrderStatus;

/**
 * One order as the caller may see it: what was bought, for whom, at which price (priced by the
 * database), and — once allocated — the eSIM's ICCID, activation code and QR link.
 *
 * @param retail the retail price at order time
 * @param discount the partner's savings (0 for B2C)
 * @param paid what the buyer pays ({@code retail − discount})
 */
public record Order(
    UUID id, OrderSource source, OrderStatus status, String packageCode, UUID userId, UUID partnerId,
    UUID endCustomerId, String customerFirstName, String customerLastName, String customerEmail, UUID groupId,
    MonetaryAmount retail, MonetaryAmount discount, MonetaryAmount paid, DiscountRate discountRate,
    MonetaryAmount paidUzs, BigDecimal fxRateUzs, String providerOrderNo, String esimTranNo, String iccid,
    String activationCode, String qrCodeUrl, String failureReason, String deliveryMethod, OffsetDateTime createdAt) {

  /** The row as PostgREST returns it (snake_case columns, numbers as BigDecimal). */
  record Row(UUID id, String sourceType, String orderStatus, String packageCode, UUID userId, UUID partnerId,
      UUID endCustomerId, String customerFirstName, String customerLastName, String customerEmail, UUID customerGroupId,
      BigDecimal retailPriceOverrideUsd, BigDecimal discountAmountUsd, BigDecimal priceUsd, BigDecimal discountRate,
      BigDecimal priceUzs, BigDecimal fxRateUzs, String esimOrderNo, String esimTranNo, String iccid, String activationCode,
      String qrCodeUrl, String failureReason, String deliveryMethod, OffsetDateTime createdAt, String providerTransactionId) {

    Order toOrder() {
      return new Order(id, OrderSource.fromWire(sourceType), OrderStatus.fromWire(orderStatus), packageCode, userId, partnerId,
          endCustomerId, customerFirstName, customerLastName, customerEmail, customerGroupId,
          usd(retailPriceOverrideUsd != null ? retailPriceOverrideUsd : priceUsd), usd(discountAmountUsd), usd(priceUsd),
          discountRate == null ? DiscountRate.ZERO : DiscountRate.of(discountRate), priceUzs == null ? null : Amounts.uzs(priceUzs),
          fxRateUzs, esimOrderNo, esimTranNo, iccid, activationCode, qrCodeUrl, failureReason, deliveryMethod, createdAt);
    }

    private static MonetaryAmount usd(BigDecimal v) {
      return Amounts.usd(v == null ? BigDecimal.ZERO.setScale(2) : v);
    }
  }

  /** The columns {@link Row} reads. */
  static final String COLUMNS = "id,source_type,order_status,package_code,user_id,partner_id,end_customer_id,customer_first_name,"
      + "customer_last_name,customer_email,customer_group_id,retail_price_override_usd,discount_amount_usd,price_usd,discount_rate,"
      + "price_uzs,fx_rate_uzs,esim_order_no,esim_tran_no,iccid,activation_code,qr_code_url,failure_reason,delivery_method,created_at";
}
