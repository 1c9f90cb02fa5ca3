package uz.onesim.esimaccess;

import java.util.List;

/**
 * One eSIM profile from {@code esim/query}. Key everything on {@code esimTranNo} (ICCIDs are
 * recycled). {@code ac} is the activation code {@code LPA:1$<smdp>$<matching id>}; volumes are
 * bytes; times are provider strings (UTC, {@code +0000} or {@code Z}).
 */
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(builder = EsimProfile.Builder.class)
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
    getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
public final class EsimProfile {
  private final String esimTranNo;
  private final String orderNo;
  private final String transactionId;
  private final String imsi;
  private final String iccid;
  private final String msisdn;
  private final String eid;
  private final String ac;
  private final String qrCodeUrl;
  private final String shortUrl;
  private final String smdpStatus;
  private final String esimStatus;
  private final Integer smsStatus;
  private final Integer dataType;
  private final Integer activeType;
  private final String activateTime;
  private final String installationTime;
  private final String expiredTime;
  private final Long totalVolume;
  private final Long orderUsage;
  private final Integer totalDuration;
  private final String durationUnit;
  private final String pin;
  private final String puk;
  private final String apn;
  private final List<ProfilePackage> packageList;

  private EsimProfile(Builder b) {
    this.esimTranNo = b.esimTranNo;
    this.orderNo = b.orderNo;
    this.transactionId = b.transactionId;
    this.imsi = b.imsi;
    this.iccid = b.iccid;
    this.msisdn = b.msisdn;
    this.eid = b.eid;
    this.ac = b.ac;
    this.qrCodeUrl = b.qrCodeUrl;
    this.shortUrl = b.shortUrl;
    this.smdpStatus = b.smdpStatus;
    this.esimStatus = b.esimStatus;
    this.smsStatus = b.smsStatus;
    this.dataType = b.dataType;
    this.activeType = b.activeType;
    this.activateTime = b.activateTime;
    this.installationTime = b.installationTime;
    this.expiredTime = b.expiredTime;
    this.totalVolume = b.totalVolume;
    this.orderUsage = b.orderUsage;
    this.totalDuration = b.totalDuration;
    this.durationUnit = b.durationUnit;
    this.pin = b.pin;
    this.puk = b.puk;
    this.apn = b.apn;
    this.packageList = b.packageList;
  }

  /** A builder with every field unset (null, 0 or false). New fields may be added to it in any release. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this profile's fields, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.esimTranNo = esimTranNo;
    b.orderNo = orderNo;
    b.transactionId = transactionId;
    b.imsi = imsi;
    b.iccid = iccid;
    b.msisdn = msisdn;
    b.eid = eid;
    b.ac = ac;
    b.qrCodeUrl = qrCodeUrl;
    b.shortUrl = shortUrl;
    b.smdpStatus = smdpStatus;
    b.esimStatus = esimStatus;
    b.smsStatus = smsStatus;
    b.dataType = dataType;
    b.activeType = activeType;
    b.activateTime = activateTime;
    b.installationTime = installationTime;
    b.expiredTime = expiredTime;
    b.totalVolume = totalVolume;
    b.orderUsage = orderUsage;
    b.totalDuration = totalDuration;
    b.durationUnit = durationUnit;
    b.pin = pin;
    b.puk = puk;
    b.apn = apn;
    b.packageList = packageList;
    return b;
  }

  /** {@code esimTranNo}. */
  public String esimTranNo() {
    return esimTranNo;
  }

  /** {@code orderNo}. */
  public String orderNo() {
    return orderNo;
  }

  /** {@code transactionId}. */
  public String transactionId() {
    return transactionId;
  }

  /** {@code imsi}. */
  public String imsi() {
    return imsi;
  }

  /** {@code iccid}. */
  public String iccid() {
    return iccid;
  }

  /** {@code msisdn}. */
  public String msisdn() {
    return msisdn;
  }

  /** {@code eid}. */
  public String eid() {
    return eid;
  }

  /** {@code ac}. */
  public String ac() {
    return ac;
  }

  /** {@code qrCodeUrl}. */
  public String qrCodeUrl() {
    return qrCodeUrl;
  }

  /** {@code shortUrl}. */
  public String shortUrl() {
    return shortUrl;
  }

  /** {@code smdpStatus}. */
  public String smdpStatus() {
    return smdpStatus;
  }

  /** {@code esimStatus}. */
  public String esimStatus() {
    return esimStatus;
  }

  /** {@code smsStatus}. */
  public Integer smsStatus() {
    return smsStatus;
  }

  /** {@code dataType}. */
  public Integer dataType() {
    return dataType;
  }

  /** {@code activeType}. */
  public Integer activeType() {
    return activeType;
  }

  /** {@code activateTime}. */
  public String activateTime() {
    return activateTime;
  }

  /** {@code installationTime}. */
  public String installationTime() {
    return installationTime;
  }

  /** {@code expiredTime}. */
  public String expiredTime() {
    return expiredTime;
  }

  /** {@code totalVolume}. */
  public Long totalVolume() {
    return totalVolume;
  }

  /** {@code orderUsage}. */
  public Long orderUsage() {
    return orderUsage;
  }

  /** {@code totalDuration}. */
  public Integer totalDuration() {
    return totalDuration;
  }

  /** {@code durationUnit}. */
  public String durationUnit() {
    return durationUnit;
  }

  /** {@code pin}. */
  public String pin() {
    return pin;
  }

  /** {@code puk}. */
  public String puk() {
    return puk;
  }

  /** {@code apn}. */
  public String apn() {
    return apn;
  }

  /** {@code packageList}. */
  public List<ProfilePackage> packageList() {
    return packageList;
  }


  /**
   * A plan on the profile: the base plan and each top-up. {@code esimTranNo} and
   * {@code transactionId} identify the line (a top-up's own id and the caller's transaction id);
   * the SDK uses them to tell whether a top-up was applied.
   */
  public record ProfilePackage(String packageName, String packageCode, String slug, Integer duration, Long volume,
      String locationCode, String createTime, String esimTranNo, String transactionId) {}

  /** {@code esimStatus} as a type. */
  public EsimStatus status() {
    return EsimStatus.of(esimStatus);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EsimProfile other)) {
      return false;
    }
    return java.util.Objects.equals(esimTranNo, other.esimTranNo)
        && java.util.Objects.equals(orderNo, other.orderNo)
        && java.util.Objects.equals(transactionId, other.transactionId)
        && java.util.Objects.equals(imsi, other.imsi)
        && java.util.Objects.equals(iccid, other.iccid)
        && java.util.Objects.equals(msisdn, other.msisdn)
        && java.util.Objects.equals(eid, other.eid)
        && java.util.Objects.equals(ac, other.ac)
        && java.util.Objects.equals(qrCodeUrl, other.qrCodeUrl)
        && java.util.Objects.equals(shortUrl, other.shortUrl)
        && java.util.Objects.equals(smdpStatus, other.smdpStatus)
        && java.util.Objects.equals(esimStatus, other.esimStatus)
        && java.util.Objects.equals(smsStatus, other.smsStatus)
        && java.util.Objects.equals(dataType, other.dataType)
        && java.util.Objects.equals(activeType, other.activeType)
        && java.util.Objects.equals(activateTime, other.activateTime)
        && java.util.Objects.equals(installationTime, other.installationTime)
        && java.util.Objects.equals(expiredTime, other.expiredTime)
        && java.util.Objects.equals(totalVolume, other.totalVolume)
        && java.util.Objects.equals(orderUsage, other.orderUsage)
        && java.util.Objects.equals(totalDuration, other.totalDuration)
        && java.util.Objects.equals(durationUnit, other.durationUnit)
        && java.util.Objects.equals(pin, other.pin)
        && java.util.Objects.equals(puk, other.puk)
        && java.util.Objects.equals(apn, other.apn)
        && java.util.Objects.equals(packageList, other.packageList);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(esimTranNo, orderNo, transactionId, imsi, iccid, msisdn, eid, ac, qrCodeUrl, shortUrl, smdpStatus, esimStatus, smsStatus, dataType, activeType, activateTime, installationTime, expiredTime, totalVolume, orderUsage, totalDuration, durationUnit, pin, puk, apn, packageList);
  }

  @Override
  public String toString() {
    return "EsimProfile[" + "esimTranNo=" + esimTranNo
        + ", orderNo=" + orderNo
        + ", transactionId=" + transactionId
        + ", imsi=" + imsi
        + ", iccid=" + iccid
        + ", msisdn=" + msisdn
        + ", eid=" + eid
        + ", ac=" + ac
        + ", qrCodeUrl=" + qrCodeUrl
        + ", shortUrl=" + shortUrl
        + ", smdpStatus=" + smdpStatus
        + ", esimStatus=" + esimStatus
        + ", smsStatus=" + smsStatus
        + ", dataType=" + dataType
        + ", activeType=" + activeType
        + ", activateTime=" + activateTime
        + ", installationTime=" + installationTime
        + ", expiredTime=" + expiredTime
        + ", totalVolume=" + totalVolume
        + ", orderUsage=" + orderUsage
        + ", totalDuration=" + totalDuration
        + ", durationUnit=" + durationUnit
        + ", pin=" + pin
        + ", puk=" + puk
        + ", apn=" + apn
        + ", packageList=" + packageList + "]";
  }

  /** Builds a {@link EsimProfile}; unset fields stay null, 0 or false. */
  @com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder(withPrefix = "")
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private String esimTranNo;
    private String orderNo;
    private String transactionId;
    private String imsi;
    private String iccid;
    private String msisdn;
    private String eid;
    private String ac;
    private String qrCodeUrl;
    private String shortUrl;
    private String smdpStatus;
    private String esimStatus;
    private Integer smsStatus;
    private Integer dataType;
    private Integer activeType;
    private String activateTime;
    private String installationTime;
    private String expiredTime;
    private Long totalVolume;
    private Long orderUsage;
    private Integer totalDuration;
    private String durationUnit;
    private String pin;
    private String puk;
    private String apn;
    private List<ProfilePackage> packageList;

    private Builder() {}

    /** Sets {@code esimTranNo}. */
    public Builder esimTranNo(String esimTranNo) {
      this.esimTranNo = esimTranNo;
      return this;
    }

    /** Sets {@code orderNo}. */
    public Builder orderNo(String orderNo) {
      this.orderNo = orderNo;
      return this;
    }

    /** Sets {@code transactionId}. */
    public Builder transactionId(String transactionId) {
      this.transactionId = transactionId;
      return this;
    }

    /** Sets {@code imsi}. */
    public Builder imsi(String imsi) {
      this.imsi = imsi;
      return this;
    }

    /** Sets {@code iccid}. */
    public Builder iccid(String iccid) {
      this.iccid = iccid;
      return this;
    }

    /** Sets {@code msisdn}. */
    public Builder msisdn(String msisdn) {
      this.msisdn = msisdn;
      return this;
    }

    /** Sets {@code eid}. */
    public Builder eid(String eid) {
      this.eid = eid;
      return this;
    }

    /** Sets {@code ac}. */
    public Builder ac(String ac) {
      this.ac = ac;
      return this;
    }

    /** Sets {@code qrCodeUrl}. */
    public Builder qrCodeUrl(String qrCodeUrl) {
      this.qrCodeUrl = qrCodeUrl;
      return this;
    }

    /** Sets {@code shortUrl}. */
    public Builder shortUrl(String shortUrl) {
      this.shortUrl = shortUrl;
      return this;
    }

    /** Sets {@code smdpStatus}. */
    public Builder smdpStatus(String smdpStatus) {
      this.smdpStatus = smdpStatus;
      return this;
    }

    /** Sets {@code esimStatus}. */
    public Builder esimStatus(String esimStatus) {
      this.esimStatus = esimStatus;
      return this;
    }

    /** Sets {@code smsStatus}. */
    public Builder smsStatus(Integer smsStatus) {
      this.smsStatus = smsStatus;
      return this;
    }

    /** Sets {@code dataType}. */
    public Builder dataType(Integer dataType) {
      this.dataType = dataType;
      return this;
    }

    /** Sets {@code activeType}. */
    public Builder activeType(Integer activeType) {
      this.activeType = activeType;
      return this;
    }

    /** Sets {@code activateTime}. */
    public Builder activateTime(String activateTime) {
      this.activateTime = activateTime;
      return this;
    }

    /** Sets {@code installationTime}. */
    public Builder installationTime(String installationTime) {
      this.installationTime = installationTime;
      return this;
    }

    /** Sets {@code expiredTime}. */
    public Builder expiredTime(String expiredTime) {
      this.expiredTime = expiredTime;
      return this;
    }

    /** Sets {@code totalVolume}. */
    public Builder totalVolume(Long totalVolume) {
      this.totalVolume = totalVolume;
      return this;
    }

    /** Sets {@code orderUsage}. */
    public Builder orderUsage(Long orderUsage) {
      this.orderUsage = orderUsage;
      return this;
    }

    /** Sets {@code totalDuration}. */
    public Builder totalDuration(Integer totalDuration) {
      this.totalDuration = totalDuration;
      return this;
    }

    /** Sets {@code durationUnit}. */
    public Builder durationUnit(String durationUnit) {
      this.durationUnit = durationUnit;
      return this;
    }

    /** Sets {@code pin}. */
    public Builder pin(String pin) {
      this.pin = pin;
      return this;
    }

    /** Sets {@code puk}. */
    public Builder puk(String puk) {
      this.puk = puk;
      return this;
    }

    /** Sets {@code apn}. */
    public Builder apn(String apn) {
      this.apn = apn;
      return this;
    }

    /** Sets {@code packageList}. */
    public Builder packageList(List<ProfilePackage> packageList) {
      this.packageList = packageList;
      return this;
    }

    /** The profile. */
    public EsimProfile build() {
      return new EsimProfile(this);
    }
  }
}
