package dev.teamcredits.notification.domain;

/**
 * Where a webhook delivery stands. A PENDING one is retried with {@link RetryBackoff} until it is
 * DELIVERED (any 2xx) or, after the last attempt, DEAD: a dead letter that only an admin's re-drive
 * sends again (same id and body).
 */
public enum WebhookDeliveryStatus {
    PENDING,
    DELIVERED,
    DEAD
}
