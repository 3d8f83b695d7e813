package dev.teamcredits.notification.rest.dto;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One event's delivery to a webhook.
 *
 * @param status        PENDING, DELIVERED or DEAD (a dead letter: re-drive it to send it again)
 * @param lastStatus    the receiver's HTTP status on the last attempt, if it answered
 * @param nextAttemptAt only while PENDING
 */
@Schema(description = "One event's delivery to a webhook, with its attempts so far.")
public record WebhookDeliveryView(
        @Schema(description = "The delivery's id: the webhook-id header of every attempt and re-drive",
                required = true) UUID id,
        @Schema(description = "The webhook it goes to", required = true) UUID webhookId,
        @Schema(description = "The id of the CloudEvent it carries", required = true) String eventId,
        @Schema(description = "The type of that CloudEvent", required = true,
                examples = "dev.teamcredits.ledger.transfer.completed.v1") String eventType,
        @Schema(description = "PENDING (to be tried, or retried), DELIVERED (a 2xx answer) or DEAD (a dead letter "
                + "after the last attempt: re-drive it to send it again)", required = true,
                enumeration = { "PENDING", "DELIVERED", "DEAD" }) String status,
        @Schema(description = "Attempts made since it was queued or last re-driven", required = true,
                format = "int32", minimum = "0") int attempts,
        @Schema(description = "The receiver's HTTP status on the last attempt; null if it did not answer (or none "
                + "was made yet)", required = true, nullable = true, format = "int32") Integer lastStatus,
        @Schema(description = "Why the last attempt failed (status and the start of the answer, or the connection "
                + "error); null after a success", required = true, nullable = true) String lastError,
        @Schema(description = "When it was queued", required = true) Instant createdAt,
        @Schema(description = "When the next attempt is due; only while PENDING", required = true, nullable = true)
        Instant nextAttemptAt,
        @Schema(description = "When a receiver answered 2xx; null until then", required = true, nullable = true)
        Instant deliveredAt) {
}
