package dev.teamcredits.notification.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An org's webhook: where to send which events, and the secret to sign them with (kept as given,
 * since signing needs it; shown only to the admin who registered it).
 */
public record Webhook(UUID id, UUID orgId, String url, String secret, List<String> eventTypes, String createdBy,
        Instant createdAt) {
}
