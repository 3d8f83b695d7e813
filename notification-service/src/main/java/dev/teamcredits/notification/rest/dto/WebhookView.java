package dev.teamcredits.notification.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param secret only in the response that created the webhook */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An org's webhook.")
public record WebhookView(
        @Schema(description = "The webhook's id", required = true) UUID id,
        @Schema(description = "The organization whose events it gets", required = true) UUID orgId,
        @Schema(description = "Where the events are POSTed", required = true, format = "uri",
                examples = "https://hooks.acme.example/team-credits") String url,
        @Schema(description = "The CloudEvent types it gets", required = true,
                examples = "[\"dev.teamcredits.ledger.transfer.completed.v1\"]") List<String> eventTypes,
        @Schema(description = "The user id of the admin who registered it", required = true) String createdBy,
        @Schema(description = "When it was registered", required = true) Instant createdAt,
        @Schema(description = "The Standard Webhooks signing secret (whsec_ and base64): only in the response that "
                + "registered it (and its Idempotency-Key replays), never listed",
                examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
}
