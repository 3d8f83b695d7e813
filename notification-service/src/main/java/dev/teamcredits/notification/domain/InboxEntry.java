package dev.teamcredits.notification.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification in a user's inbox: what they were told, about which event, and whether they read it.
 *
 * @param seq  the inbox's order (newest has the highest), also its page cursor
 * @param readAt null while unread
 * @param data the JSON of the event's CloudEvent {@code data} that caused it
 */
public record InboxEntry(long seq, UUID id, String userId, UUID orgId, String type, String eventId, String title,
        String body, String data, Instant readAt, Instant createdAt) {
}
