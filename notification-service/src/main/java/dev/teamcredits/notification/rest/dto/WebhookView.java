package dev.teamcredits.notification.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.notification.repository.WebhookRepository.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** @param secret only in the response that created the webhook */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(UUID id, UUID orgId, String url, List<String> eventTypes, String createdBy,
        Instant createdAt, String secret) {

    public static WebhookView of(Webhook w, boolean withSecret) {
        return new WebhookView(w.id(), w.orgId(), w.url(), w.eventTypes(), w.createdBy(), w.createdAt(),
                withSecret ? w.secret() : null);
    }
}
