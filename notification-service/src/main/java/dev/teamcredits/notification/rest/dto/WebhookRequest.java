package dev.teamcredits.notification.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Registers an org webhook.
 *
 * @param eventTypes CloudEvent types to send (e.g. {@code dev.teamcredits.ledger.transfer.completed.v1});
 *                   absent or empty = all the types the service notifies about
 * @param secret     a Standard Webhooks secret (whsec_ and the padded base64 of 24 to 64 bytes); absent = one is
 *                   generated and returned once
 */
public record WebhookRequest(@NotBlank @Size(max = 2000) String url,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> eventTypes,
        String secret) {
}
