package uz.onesim.client;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A partner's webhook endpoint: where OneSIM posts the events it asked for. The signing secret is
 * not here: it is shown once, by {@link WebhookService#create} and {@link WebhookService#rotateSecret}.
 *
 * @param events the event types: {@code order.allocated}, {@code order.failed}, {@code order.cancelled}, {@code balance.low},
 *     {@code esim.installed}, {@code esim.usage_low}, {@code esim.expiring}, {@code topup.applied}
 */
public record WebhookEndpoint(UUID id, String url, List<String> events, boolean active, OffsetDateTime createdAt) {}
