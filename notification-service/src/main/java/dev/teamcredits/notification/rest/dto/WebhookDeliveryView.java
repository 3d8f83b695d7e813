package dev.teamcredits.notification.rest.dto;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to a webhook.
 *
 * @param status        PENDING, DELIVERED or DEAD (a dead letter: re-drive it to send it again)
 * @param lastStatus    the receiver's HTTP status on the last attempt, if it answered
 * @param nextAttemptAt only while PENDING
 */
public record WebhookDeliveryView(UUID id, UUID webhookId, String eventId, String eventType, String status,
        int attempts, Integer lastStatus, String lastError, Instant createdAt, Instant nextAttemptAt,
        Instant deliveredAt) {
}
