package uz.onesim.client;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Something a partner asked for after the sale, and how it ended.
 *
 * @param kind {@code cancel} (refund an unused eSIM to the balance) or {@code resend} (the installation details again)
 * @param status {@code pending}, {@code done} or {@code refused}
 * @param outcome what OneSIM's backend recorded, e.g. {@code refunded 14.25 USD}, {@code sent}, {@code esim_in_use: …}
 */
public record AfterSaleRequest(UUID id, UUID orderId, String kind, String reason, String status, String outcome,
    OffsetDateTime createdAt, OffsetDateTime processedAt) {}
