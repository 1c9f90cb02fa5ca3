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
 */
public final class Order {
  private final UUID id;
  private final OrderSource source;
  private final OrderStatus status;
  private final String packageCode;
  private final UUID userId;
  private final UUID partnerId;
  private final UUID endCustomerId;
  private final String customerFirstName;
  private final String customerLastName;
  private final String customerEmail;
  private final UUID groupId;
  private final MonetaryAmount retail;
  private final MonetaryAmount discount;
  private final MonetaryAmount paid;
  private final DiscountRate discountRate;
  private final MonetaryAmount retailUzs;
  private final MonetaryAmount discountUzs;
  private final MonetaryAmount paidUzs;
  private final BigDecimal fxRateUzs;
  private final String providerOrderNo;
  private final String esimTranNo;
  private final String iccid;
  private final String activationCode;
  private final String qrCodeUrl;
  private final String failureReason;
  private final DeliveryMethod deliveryMethod;
  private final OffsetDateTime createdAt;
  private final PaymentStatus paymentStatus;
  private final EsimUsage usage;

  private Order(Builder b) {
    this.id = b.id;
    this.source = b.source;
    this.status = b.status;
    this.packageCode = b.packageCode;
    this.userId = b.userId;
    this.partnerId = b.partnerId;
    this.endCustomerId = b.endCustomerId;
    this.customerFirstName = b.customerFirstName;
    this.customerLastName = b.customerLastName;
    this.customerEmail = b.customerEmail;
    this.groupId = b.groupId;
    this.retail = b.retail;
    this.discount = b.discount;
    this.paid = b.paid;
    this.discountRate = b.discountRate;
    this.retailUzs = b.retailUzs;
    this.discountUzs = b.discountUzs;
    this.paidUzs = b.paidUzs;
    this.fxRateUzs = b.fxRateUzs;
    this.providerOrderNo = b.providerOrderNo;
    this.esimTranNo = b.esimTranNo;
    this.iccid = b.iccid;
    this.activationCode = b.activationCode;
    this.qrCodeUrl = b.qrCodeUrl;
    this.failureReason = b.failureReason;
    this.deliveryMethod = b.deliveryMethod;
    this.createdAt = b.createdAt;
    this.paymentStatus = b.paymentStatus;
    this.usage = b.usage;
  }

  /** A builder with every field unset (null, 0 or false). New fields may be added to it in any release. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this order's fields, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.source = source;
    b.status = status;
    b.packageCode = packageCode;
    b.userId = userId;
    b.partnerId = partnerId;
    b.endCustomerId = endCustomerId;
    b.customerFirstName = customerFirstName;
    b.customerLastName = customerLastName;
    b.customerEmail = customerEmail;
    b.groupId = groupId;
    b.retail = retail;
    b.discount = discount;
    b.paid = paid;
    b.discountRate = discountRate;
    b.retailUzs = retailUzs;
    b.discountUzs = discountUzs;
    b.paidUzs = paidUzs;
    b.fxRateUzs = fxRateUzs;
    b.providerOrderNo = providerOrderNo;
    b.esimTranNo = esimTranNo;
    b.iccid = iccid;
    b.activationCode = activationCode;
    b.qrCodeUrl = qrCodeUrl;
    b.failureReason = failureReason;
    b.deliveryMethod = deliveryMethod;
    b.createdAt = createdAt;
    b.paymentStatus = paymentStatus;
    b.usage = usage;
    return b;
  }

  /** {@code id}. */
  public UUID id() {
    return id;
  }

  /** {@code source}. */
  public OrderSource source() {
    return source;
  }

  /** {@code status}. */
  public OrderStatus status() {
    return status;
  }

  /** {@code packageCode}. */
  public String packageCode() {
    return packageCode;
  }

  /** {@code userId}. */
  public UUID userId() {
    return userId;
  }

  /** {@code partnerId}. */
  public UUID partnerId() {
    return partnerId;
  }

  /** {@code endCustomerId}. */
  public UUID endCustomerId() {
    return endCustomerId;
  }

  /** {@code customerFirstName}. */
  public String customerFirstName() {
    return customerFirstName;
  }

  /** {@code customerLastName}. */
  public String customerLastName() {
    return customerLastName;
  }

  /** {@code customerEmail}. */
  public String customerEmail() {
    return customerEmail;
  }

  /** {@code groupId}. */
  public UUID groupId() {
    return groupId;
  }

  /** The retail price at order time. */
  public MonetaryAmount retail() {
    return retail;
  }

  /** The partner's savings (0 for B2C). */
  public MonetaryAmount discount() {
    return discount;
  }

  /** What the buyer pays ({@code retail − discount}). */
  public MonetaryAmount paid() {
    return paid;
  }

  /** {@code discountRate}. */
  public DiscountRate discountRate() {
    return discountRate;
  }

  /** The retail price in whole som at the order's FX snapshot ({@code fxRateUzs}); null only for shop orders from before som prices were recorded. */
  public MonetaryAmount retailUzs() {
    return retailUzs;
  }

  /** The discount in whole som at the order's FX snapshot; null as {@link #retailUzs()}. */
  public MonetaryAmount discountUzs() {
    return discountUzs;
  }

  /** What the buyer pays in whole som at the order's FX snapshot; null as {@link #retailUzs()}. */
  public MonetaryAmount paidUzs() {
    return paidUzs;
  }

  /** {@code fxRateUzs}. */
  public BigDecimal fxRateUzs() {
    return fxRateUzs;
  }

  /** {@code providerOrderNo}. */
  public String providerOrderNo() {
    return providerOrderNo;
  }

  /** {@code esimTranNo}. */
  public String esimTranNo() {
    return esimTranNo;
  }

  /** {@code iccid}. */
  public String iccid() {
    return iccid;
  }

  /** {@code activationCode}. */
  public String activationCode() {
    return activationCode;
  }

  /** {@code qrCodeUrl}. */
  public String qrCodeUrl() {
    return qrCodeUrl;
  }

  /** {@code failureReason}. */
  public String failureReason() {
    return failureReason;
  }

  /** How the installation details reach the traveller. */
  public DeliveryMethod deliveryMethod() {
    return deliveryMethod;
  }

  /** {@code createdAt}. */
  public OffsetDateTime createdAt() {
    return createdAt;
  }

  /** Whether the money came in (only paid orders are fulfilled). */
  public PaymentStatus paymentStatus() {
    return paymentStatus;
  }

  /** The eSIM's live state, data and expiry once allocated; null before. */
  public EsimUsage usage() {
    return usage;
  }


  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Order other)) {
      return false;
    }
    return java.util.Objects.equals(id, other.id)
        && java.util.Objects.equals(source, other.source)
        && java.util.Objects.equals(status, other.status)
        && java.util.Objects.equals(packageCode, other.packageCode)
        && java.util.Objects.equals(userId, other.userId)
        && java.util.Objects.equals(partnerId, other.partnerId)
        && java.util.Objects.equals(endCustomerId, other.endCustomerId)
        && java.util.Objects.equals(customerFirstName, other.customerFirstName)
        && java.util.Objects.equals(customerLastName, other.customerLastName)
        && java.util.Objects.equals(customerEmail, other.customerEmail)
        && java.util.Objects.equals(groupId, other.groupId)
        && java.util.Objects.equals(retail, other.retail)
        && java.util.Objects.equals(discount, other.discount)
        && java.util.Objects.equals(paid, other.paid)
        && java.util.Objects.equals(discountRate, other.discountRate)
        && java.util.Objects.equals(retailUzs, other.retailUzs)
        && java.util.Objects.equals(discountUzs, other.discountUzs)
        && java.util.Objects.equals(paidUzs, other.paidUzs)
        && java.util.Objects.equals(fxRateUzs, other.fxRateUzs)
        && java.util.Objects.equals(providerOrderNo, other.providerOrderNo)
        && java.util.Objects.equals(esimTranNo, other.esimTranNo)
        && java.util.Objects.equals(iccid, other.iccid)
        && java.util.Objects.equals(activationCode, other.activationCode)
        && java.util.Objects.equals(qrCodeUrl, other.qrCodeUrl)
        && java.util.Objects.equals(failureReason, other.failureReason)
        && java.util.Objects.equals(deliveryMethod, other.deliveryMethod)
        && java.util.Objects.equals(createdAt, other.createdAt)
        && java.util.Objects.equals(paymentStatus, other.paymentStatus)
        && java.util.Objects.equals(usage, other.usage);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id, source, status, packageCode, userId, partnerId, endCustomerId, customerFirstName, customerLastName, customerEmail, groupId, retail, discount, paid, discountRate, retailUzs, discountUzs, paidUzs, fxRateUzs, providerOrderNo, esimTranNo, iccid, activationCode, qrCodeUrl, failureReason, deliveryMethod, createdAt, paymentStatus, usage);
  }

  @Override
  public String toString() {
    return "Order[" + "id=" + id
        + ", source=" + source
        + ", status=" + status
        + ", packageCode=" + packageCode
        + ", userId=" + userId
        + ", partnerId=" + partnerId
        + ", endCustomerId=" + endCustomerId
        + ", customerFirstName=" + customerFirstName
        + ", customerLastName=" + customerLastName
        + ", customerEmail=" + customerEmail
        + ", groupId=" + groupId
        + ", retail=" + retail
        + ", discount=" + discount
        + ", paid=" + paid
        + ", discountRate=" + discountRate
        + ", retailUzs=" + retailUzs
        + ", discountUzs=" + discountUzs
        + ", paidUzs=" + paidUzs
        + ", fxRateUzs=" + fxRateUzs
        + ", providerOrderNo=" + providerOrderNo
        + ", esimTranNo=" + esimTranNo
        + ", iccid=" + iccid
        + ", activationCode=" + activationCode
        + ", qrCodeUrl=" + qrCodeUrl
        + ", failureReason=" + failureReason
        + ", deliveryMethod=" + deliveryMethod
        + ", createdAt=" + createdAt
        + ", paymentStatus=" + paymentStatus
        + ", usage=" + usage + "]";
  }

  /** Builds a {@link Order}; unset fields stay null, 0 or false. */
  public static final class Builder {
    private UUID id;
    private OrderSource source;
    private OrderStatus status;
    private String packageCode;
    private UUID userId;
    private UUID partnerId;
    private UUID endCustomerId;
    private String customerFirstName;
    private String customerLastName;
    private String customerEmail;
    private UUID groupId;
    private MonetaryAmount retail;
    private MonetaryAmount discount;
    private MonetaryAmount paid;
    private DiscountRate discountRate;
    private MonetaryAmount retailUzs;
    private MonetaryAmount discountUzs;
    private MonetaryAmount paidUzs;
    private BigDecimal fxRateUzs;
    private String providerOrderNo;
    private String esimTranNo;
    private String iccid;
    private String activationCode;
    private String qrCodeUrl;
    private String failureReason;
    private DeliveryMethod deliveryMethod;
    private OffsetDateTime createdAt;
    private PaymentStatus paymentStatus;
    private EsimUsage usage;

    private Builder() {}

    /** Sets {@code id}. */
    public Builder id(UUID id) {
      this.id = id;
      return this;
    }

    /** Sets {@code source}. */
    public Builder source(OrderSource source) {
      this.source = source;
      return this;
    }

    /** Sets {@code status}. */
    public Builder status(OrderStatus status) {
      this.status = status;
      return this;
    }

    /** Sets {@code packageCode}. */
    public Builder packageCode(String packageCode) {
      this.packageCode = packageCode;
      return this;
    }

    /** Sets {@code userId}. */
    public Builder userId(UUID userId) {
      this.userId = userId;
      return this;
    }

    /** Sets {@code partnerId}. */
    public Builder partnerId(UUID partnerId) {
      this.partnerId = partnerId;
      return this;
    }

    /** Sets {@code endCustomerId}. */
    public Builder endCustomerId(UUID endCustomerId) {
      this.endCustomerId = endCustomerId;
      return this;
    }

    /** Sets {@code customerFirstName}. */
    public Builder customerFirstName(String customerFirstName) {
      this.customerFirstName = customerFirstName;
      return this;
    }

    /** Sets {@code customerLastName}. */
    public Builder customerLastName(String customerLastName) {
      this.customerLastName = customerLastName;
      return this;
    }

    /** Sets {@code customerEmail}. */
    public Builder customerEmail(String customerEmail) {
      this.customerEmail = customerEmail;
      return this;
    }

    /** Sets {@code groupId}. */
    public Builder groupId(UUID groupId) {
      this.groupId = groupId;
      return this;
    }

    /** Sets {@code retail}. */
    public Builder retail(MonetaryAmount retail) {
      this.retail = retail;
      return this;
    }

    /** Sets {@code discount}. */
    public Builder discount(MonetaryAmount discount) {
      this.discount = discount;
      return this;
    }

    /** Sets {@code paid}. */
    public Builder paid(MonetaryAmount paid) {
      this.paid = paid;
      return this;
    }

    /** Sets {@code discountRate}. */
    public Builder discountRate(DiscountRate discountRate) {
      this.discountRate = discountRate;
      return this;
    }

    /** Sets {@code retailUzs}. */
    public Builder retailUzs(MonetaryAmount retailUzs) {
      this.retailUzs = retailUzs;
      return this;
    }

    /** Sets {@code discountUzs}. */
    public Builder discountUzs(MonetaryAmount discountUzs) {
      this.discountUzs = discountUzs;
      return this;
    }

    /** Sets {@code paidUzs}. */
    public Builder paidUzs(MonetaryAmount paidUzs) {
      this.paidUzs = paidUzs;
      return this;
    }

    /** Sets {@code fxRateUzs}. */
    public Builder fxRateUzs(BigDecimal fxRateUzs) {
      this.fxRateUzs = fxRateUzs;
      return this;
    }

    /** Sets {@code providerOrderNo}. */
    public Builder providerOrderNo(String providerOrderNo) {
      this.providerOrderNo = providerOrderNo;
      return this;
    }

    /** Sets {@code esimTranNo}. */
    public Builder esimTranNo(String esimTranNo) {
      this.esimTranNo = esimTranNo;
      return this;
    }

    /** Sets {@code iccid}. */
    public Builder iccid(String iccid) {
      this.iccid = iccid;
      return this;
    }

    /** Sets {@code activationCode}. */
    public Builder activationCode(String activationCode) {
      this.activationCode = activationCode;
      return this;
    }

    /** Sets {@code qrCodeUrl}. */
    public Builder qrCodeUrl(String qrCodeUrl) {
      this.qrCodeUrl = qrCodeUrl;
      return this;
    }

    /** Sets {@code failureReason}. */
    public Builder failureReason(String failureReason) {
      this.failureReason = failureReason;
      return this;
    }

    /** Sets {@code deliveryMethod}. */
    public Builder deliveryMethod(DeliveryMethod deliveryMethod) {
      this.deliveryMethod = deliveryMethod;
      return this;
    }

    /** Sets {@code createdAt}. */
    public Builder createdAt(OffsetDateTime createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** Sets {@code paymentStatus}. */
    public Builder paymentStatus(PaymentStatus paymentStatus) {
      this.paymentStatus = paymentStatus;
      return this;
    }

    /** Sets {@code usage}. */
    public Builder usage(EsimUsage usage) {
      this.usage = usage;
      return this;
    }

    /** The order. */
    public Order build() {
      return new Order(this);
    }
  }
}
