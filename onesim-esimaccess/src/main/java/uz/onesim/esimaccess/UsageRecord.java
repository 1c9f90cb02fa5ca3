package uz.onesim.esimaccess;

/** Data used by one profile ({@code esim/usage/query}), in bytes; refreshed every 2–3 hours. */
public record UsageRecord(String esimTranNo, long dataUsage, long totalData, String lastUpdateTime) {}
