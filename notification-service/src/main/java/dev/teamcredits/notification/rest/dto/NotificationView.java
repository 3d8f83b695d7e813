package dev.teamcredits.notification.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A notification in the inbox and on the live stream.
 *
 * @param data    the {@code data} of the CloudEvent that caused it (e.g. a transfer's transactionId, amount, reason)
 * @param eventId the id of that CloudEvent
 */
@Schema(description = "A notification: what the caller was told, about which event, and whether they read it.")
public record NotificationView(
        @Schema(description = "The notification's id", required = true) UUID id,
        @Schema(description = "The organization it is about; null for the caller's personal balance",
                required = true, nullable = true) UUID orgId,
        @Schema(description = "The notification type, e.g. TRANSFER_RECEIVED (the types are listed by "
                + "getNotificationPreferences)", required = true, examples = "TRANSFER_RECEIVED") String type,
        @Schema(description = "A one-line title (also an email's subject)", required = true,
                examples = "You received 200 credits") String title,
        @Schema(description = "The text", required = true) String body,
        @Schema(description = "The `data` of the CloudEvent that caused it, as the caller may read it (e.g. a "
                + "transfer's transactionId, amount and reason)", required = true) JsonNode data,
        @Schema(description = "Whether the caller marked it read", required = true) boolean read,
        @Schema(description = "When it was made", required = true) Instant createdAt,
        @Schema(description = "The id of the CloudEvent that caused it", required = true) String eventId) {
}
