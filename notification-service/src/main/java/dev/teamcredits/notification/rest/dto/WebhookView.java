package dev.teamcredits.notification.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** @param secret only in the response that created the webhook */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(UUID id, UUID orgId, String url, List<String> eventTypes, String createdBy,
        Instant createdAt, String secret) {
}
