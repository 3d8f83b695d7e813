package dev.teamcredits.notification.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Registers an org webhook.
 *
 * @param eventTypes CloudEvent types to send (e.g. {@code dev.teamcredits.ledger.transfer.completed.v1});
 *                   absent or empty = all the types the service notifies about
 * @param secret     a Standard Webhooks secret (whsec_ and the padded base64 of 24 to 64 bytes); absent = one is
 *                   generated and returned once
 */
@Schema(description = "A webhook to register: where to call, with which events, signed with which secret.")
public record WebhookRequest(
        @Schema(description = "Where to POST the events: an absolute https URL of a public address (an allow-listed "
                + "host may use http)", format = "uri", examples = "https://hooks.acme.example/team-credits")
        @NotBlank @Size(max = 2000) String url,
        @Schema(description = "The CloudEvent types to send; absent or empty for all that tell people something "
                + "(an unknown type is 400 unknown-event-type)",
                examples = "[\"dev.teamcredits.ledger.transfer.completed.v1\"]")
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> eventTypes,
        @Schema(description = "The Standard Webhooks signing secret: whsec_ and the standard base64 (with padding) "
                + "of 24 to 64 random bytes (anything else is 400 invalid-webhook-secret); absent to have one "
                + "generated", pattern = "^whsec_[A-Za-z0-9+/]{32,86}={0,2}$",
                examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
}
