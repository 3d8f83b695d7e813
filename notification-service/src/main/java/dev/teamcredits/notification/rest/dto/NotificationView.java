package dev.teamcredits.notification.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A notification in the inbox and on the live stream.
 *
 * @param data    the {@code data} of the CloudEvent that caused it (e.g. a transfer's transactionId, amount, reason)
 * @param eventId the id of that CloudEvent
 */
public record NotificationView(UUID id, UUID orgId, String type, String title, String body, JsonNode data,
        boolean read, Instant createdAt, String eventId) {
}
