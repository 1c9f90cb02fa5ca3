package uz.onesim.client;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One event on its way to one endpoint, with the outcome so far.
 *
 * @param status {@code pending} (due at {@code nextAttemptAt}), {@code delivered}, or {@code failed}
 *     (retried for a day, or its endpoint was disabled)
 * @param lastStatusCode the HTTP status of the last attempt, or null (none yet, or no answer)
 */
public record WebhookDelivery(UUID id, UUID eventId, UUID endpointId, String status, int attempts, OffsetDateTime nextAttemptAt,
    Integer lastStatusCode, String lastError, OffsetDateTime deliveredAt, OffsetDateTime createdAt) {}
