package uz.onesim.esimaccess;

import java.util.List;

/**
 * One eSIM profile from {@code esim/query}. Key everything on {@code esimTranNo} (ICCIDs are
 * recycled). {@code ac} is the activation code {@code LPA:1$<smdp>$<matching id>}; volumes are
 * bytes; times are provider strings (UTC, {@code +0000} or {@code Z}).
 */
public record EsimProfile(
    String esimTranNo, String orderNo, String transactionId, String imsi, String iccid, String msisdn, String eid,
    String ac, String qrCodeUrl, String shortUrl, String smdpStatus, String esimStatus, Integer smsStatus,
    Integer dataType, Integer activeType, String activateTime, String installationTime, String expiredTime,
    Long totalVolume, Long orderUsage, Integer totalDuration, String durationUnit, String pin, String puk, String apn,
    List<ProfilePackage> packageList) {

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
}
