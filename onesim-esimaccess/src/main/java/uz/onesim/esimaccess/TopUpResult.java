package uz.onesim.esimaccess;

/** The profile after {@code esim/topup}: new expiry, total bytes and days. */
public record TopUpResult(String transactionId, String iccid, String expiredTime, Long totalVolume, Integer totalDuration,
    Long orderUsage, String topUpEsimTranNo) {}
