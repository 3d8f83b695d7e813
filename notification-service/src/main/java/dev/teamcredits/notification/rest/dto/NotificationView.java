package dev.teamcredits.notification.rest.dto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.notification.repository.NotificationRepository.Stored;
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

    public static NotificationView of(Stored s, ObjectMapper json) {
        try {
            return new NotificationView(s.id(), s.orgId(), s.type(), s.title(), s.body(), json.readTree(s.data()),
                    s.readAt() != null, s.createdAt(), s.eventId());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored notification data is not JSON", e);
        }
    }
}
