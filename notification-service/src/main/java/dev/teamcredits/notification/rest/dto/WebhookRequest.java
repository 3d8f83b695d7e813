package dev.teamcredits.notification.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Registers an org webhook.
 *
 * @param eventTypes CloudEvent types to send (e.g. {@code dev.teamcredits.ledger.transfer.completed.v1});
 *                   absent or empty = all the types the service notifies about
 * @param secret     the HMAC key, 16 to 200 characters; absent = one is generated and returned once
 */
public record WebhookRequest(@NotBlank @Size(max = 2000) String url,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> eventTypes,
        @Size(min = 16, max = 200) String secret) {
}
