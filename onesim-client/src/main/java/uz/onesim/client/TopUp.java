package uz.onesim.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.internal.MoneyColumns;
import uz.onesim.core.DiscountRate;

/**
 * More data or days bought for an eSIM already sold (docs/lifecycle.md, "Top-ups"), priced like an
 * order.
 *
 * @param orderId the order of the eSIM it tops up
 * @param status {@code pending} (waiting for payment or the provider), {@code applied} or {@code failed}
 * @param paymentStatus {@code awaiting_payment} (a consumer's, until the payment is confirmed),
 *     {@code paid} (a partner's at once, from its balance) or {@code refunded} (failed, credited back)
 * @param dataAddedBytes the data it added once applied, or null
 */
public record TopUp(UUID id, UUID orderId, String packageCode, MonetaryAmount retail, DiscountRate rate, MonetaryAmount discount,
    MonetaryAmount paid, MonetaryAmount retailUzs, MonetaryAmount discountUzs, MonetaryAmount paidUzs, String status,
    String paymentStatus, Long dataAddedBytes, String failureReason, OffsetDateTime createdAt, OffsetDateTime appliedAt) {

  static final String COLUMNS = "id,order_id,package_code,retail_usd,discount_rate,discount_usd,paid_usd,retail_uzs,discount_uzs,"
      + "paid_uzs,status,payment_status,data_added_bytes,failure_reason,created_at,applied_at";

  /** The row as PostgREST returns it. */
  record Row(UUID id, UUID orderId, String packageCode, BigDecimal retailUsd, BigDecimal discountRate, BigDecimal discountUsd,
      BigDecimal paidUsd, BigDecimal retailUzs, BigDecimal discountUzs, BigDecimal paidUzs, String status, String paymentStatus,
      Long dataAddedBytes, String failureReason, OffsetDateTime createdAt, OffsetDateTime appliedAt) {
    TopUp toTopUp() {
      return new TopUp(id, orderId, packageCode, MoneyColumns.usd("retail_usd", retailUsd), DiscountRate.of(discountRate),
          MoneyColumns.usd("discount_usd", discountUsd), MoneyColumns.usd("paid_usd", paidUsd), MoneyColumns.uzsOrNull(retailUzs),
          MoneyColumns.uzsOrNull(discountUzs), MoneyColumns.uzsOrNull(paidUzs), status, paymentStatus, dataAddedBytes,
          failureReason, createdAt, appliedAt);
    }
  }
}
