package uz.onesim.testkit;

import java.time.Instant;

/**
 * A snapshot of one profile in the {@link EsimAccessSimulator}, for tests to check what the
 * provider side holds (status, usage, top-ups) without going through the API.
 *
 * @param esimStatus the provider's status, e.g. {@code GOT_RESOURCE}, {@code IN_USE}, {@code CANCEL}
 * @param smdpStatus the SM-DP+ status, e.g. {@code RELEASED}, {@code INSTALLATION}, {@code ENABLED}
 * @param totalVolume the data allowance in bytes, top-ups included
 * @param orderUsage the bytes used so far
 * @param topUps how many top-ups were applied
 */
public record SimProfile(
    String esimTranNo,
    String orderNo,
    String transactionId,
    String iccid,
    String packageCode,
    String esimStatus,
    String smdpStatus,
    long totalVolume,
    long orderUsage,
    Instant expiredTime,
    int topUps) {}
