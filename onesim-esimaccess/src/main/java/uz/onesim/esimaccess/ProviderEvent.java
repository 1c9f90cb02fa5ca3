package uz.onesim.esimaccess;

/**
 * One eSIM Access notification, parsed leniently (the provider warns its content may vary).
 * {@code notifyId} is the de-duplication key (absent on some older types); {@code generatedAt} is
 * the provider's {@code eventGenerateTime} text.
 */
public sealed interface ProviderEvent {
  String notifyId();

  String generatedAt();

  /** Sent once when a webhook URL is saved. */
  record CheckHealth(String notifyId, String generatedAt) implements ProviderEvent {}

  /** The profiles of a new order are allocated ({@code orderStatus} GOT_RESOURCE): query them. */
  record OrderStatus(String notifyId, String generatedAt, String orderNo, String orderStatus, String transactionId)
      implements ProviderEvent {}

  /**
   * A profile's lifecycle changed. The data figures (bytes) come only sometimes: null when absent.
   */
  record EsimStatusChanged(String notifyId, String generatedAt, String orderNo, String transactionId, String esimTranNo,
      String iccid, String esimStatus, String smdpStatus, Long totalVolume, Long orderUsage, Long remainVolume)
      implements ProviderEvent {}

  /**
   * An SM-DP+ transition (download, install, enable, ...). {@code seqNumber} is "number or null" in
   * the docs — no promise that it rises per profile — and {@code timestamp}/{@code notifyStatus} come
   * as the provider sends them (text), when it sends them.
   */
  record SmdpEvent(String notifyId, String generatedAt, String orderNo, String transactionId, String esimTranNo,
      String iccid, String eid, String esimStatus, String smdpStatus, Long seqNumber, String timestamp, String notifyStatus)
      implements ProviderEvent {}

  /** Remaining data crossed a threshold ({@code remainThreshold} is the remaining fraction). */
  record DataUsage(String notifyId, String generatedAt, String orderNo, String transactionId, String esimTranNo,
      String iccid, long totalVolume, long orderUsage, long remain, Double remainThreshold) implements ProviderEvent {}

  /** About a day of validity left. */
  record ValidityUsage(String notifyId, String generatedAt, String orderNo, String transactionId, String esimTranNo,
      String iccid, Integer totalDuration, String expiredTime, Integer remain) implements ProviderEvent {}

  /** A type this SDK does not know yet; {@code raw} keeps the JSON text. */
  record Unknown(String notifyId, String generatedAt, String notifyType, String raw) implements ProviderEvent {}
}
