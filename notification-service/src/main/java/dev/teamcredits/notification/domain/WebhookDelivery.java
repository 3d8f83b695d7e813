package dev.teamcredits.notification.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one webhook, as admins see it. Every attempt and re-drive reuses its id.
 *
 * @param nextAttemptAt only while PENDING
 */
public record WebhookDelivery(UUID id, UUID webhookId, String eventId, String eventType,
        WebhookDeliveryStatus status, int attempts, Integer lastStatus, String lastError, Instant createdAt,
        Instant nextAttemptAt, Instant deliveredAt) {
}
