package uz.onesim.client.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.Order;
import uz.onesim.core.Amounts;
import uz.onesim.core.DeliveryMethod;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.OrderSource;
import uz.onesim.core.OrderStatus;
import uz.onesim.core.PaymentStatus;

/**
 * An {@code orders} row as PostgREST returns it (snake_case columns, numbers as BigDecimal) and its
 * conversion to the public {@link Order}. Shared by the client's flows and onesim-backend; not API.
 */
public record OrderRow(UUID id, String sourceType, String orderStatus, String packageCode, UUID userId, UUID partnerId,
    UUID endCustomerId, String customerFirstName, String customerLastName, String customerEmail, UUID customerGroupId,
    BigDecimal retailPriceOverrideUsd, BigDecimal discountAmountUsd, BigDecimal priceUsd, BigDecimal discountRate,
    BigDecimal priceUzs, BigDecimal discountAmountUzs, BigDecimal fxRateUzs, String esimOrderNo, String esimTranNo, String iccid, String activationCode,
    String qrCodeUrl, String failureReason, String deliveryMethod, OffsetDateTime createdAt, String providerTransactionId,
    String paymentStatus, String esimStatus, String smdpStatus, Long dataTotalBytes, Long dataUsedBytes, Long dataRemainingBytes,
    OffsetDateTime expiresAt, OffsetDateTime installedAt, OffsetDateTime usageUpdatedAt) {

  /** The columns {@link #toOrder()} needs. */
  public static final String COLUMNS = "id,source_type,order_status,package_code,user_id,partner_id,end_customer_id,"
      + "customer_first_name,customer_last_name,customer_email,customer_group_id,retail_price_override_usd,"
      + "discount_amount_usd,price_usd,discount_rate,price_uzs,discount_amount_uzs,fx_rate_uzs,esim_order_no,esim_tran_no,iccid,"
      + "activation_code,qr_code_url,failure_reason,delivery_method,created_at,payment_status,esim_status,smdp_status,"
      + "data_total_bytes,data_used_bytes,data_remaining_bytes,expires_at,installed_at,usage_updated_at";

  /** The public view of this row. */
  public Order toOrder() {
    return Order.builder().id(id).source(OrderSource.fromWire(sourceType)).status(OrderStatus.fromWire(orderStatus))
        .packageCode(packageCode).userId(userId).partnerId(partnerId).endCustomerId(endCustomerId)
        .customerFirstName(customerFirstName).customerLastName(customerLastName).customerEmail(customerEmail)
        .groupId(customerGroupId)
        .retail(required("price_usd", retailPriceOverrideUsd != null ? retailPriceOverrideUsd : priceUsd))
        .discount(discount()).paid(required("price_usd", priceUsd))
        .discountRate(discountRate == null ? DiscountRate.ZERO : DiscountRate.of(discountRate))
        .retailUzs(retailUzs()).discountUzs(discountUzs()).paidUzs(priceUzs == null ? null : Amounts.uzs(priceUzs))
        .fxRateUzs(fxRateUzs).providerOrderNo(esimOrderNo).esimTranNo(esimTranNo).iccid(iccid).activationCode(activationCode)
        .qrCodeUrl(qrCodeUrl).failureReason(failureReason)
        .deliveryMethod(deliveryMethod == null ? null : DeliveryMethod.fromWire(deliveryMethod)).createdAt(createdAt)
        .paymentStatus(paymentStatus == null ? null : PaymentStatus.fromWire(paymentStatus))
        .usage(esimTranNo == null ? null : new uz.onesim.client.EsimUsage(esimStatus, smdpStatus, dataTotalBytes, dataUsedBytes,
            dataRemainingBytes, expiresAt, installedAt, usageUpdatedAt))
        .build();
  }

  /** Every row's public view, in order. */
  public static List<Order> toOrders(List<OrderRow> rows) {
    return rows.stream().map(OrderRow::toOrder).toList();
  }

  /** Money the database always sets: missing means the row is not what the SDK expects, never 0.00. */
  private MonetaryAmount required(String column, BigDecimal v) {
    return MoneyColumns.usd("order " + id, column, v);
  }

  /** The discount in som: recorded with every partner order; none on a shop order; unknown without a som price. */
  private MonetaryAmount discountUzs() {
    if (priceUzs == null) {
      return null;
    }
    if (discountAmountUzs == null && !"b2c".equals(sourceType)) {
      return MoneyColumns.uzs("discount_amount_uzs", null);
    }
    return Amounts.uzs(discountAmountUzs != null ? discountAmountUzs : BigDecimal.ZERO);
  }

  /** Retail in som is paid plus discount, exactly as the database's pricing rule splits it. */
  private MonetaryAmount retailUzs() {
    MonetaryAmount discount = discountUzs();
    return discount == null ? null : Amounts.uzs(priceUzs).add(discount);
  }

  /** The discount: recorded for every partner order; a shop order (also one from before discounts) has none. */
  private MonetaryAmount discount() {
    if (discountAmountUsd == null && "b2c".equals(sourceType)) {
      return Amounts.usd(BigDecimal.ZERO.setScale(2));
    }
    return required("discount_amount_usd", discountAmountUsd);
  }
}
