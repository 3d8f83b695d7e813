package dev.teamcredits.notification.service;

import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.common.rest.ProblemException;

/** The notification service's own problems, each defined once. */
public final class NotificationProblems {

    private NotificationProblems() {
    }

    /** Also for another user's notification: its existence is not revealed. */
    public static ProblemException notificationNotFound() {
        return new ProblemException("notification-not-found", "Notification not found", 404,
                "You have no notification with this id.");
    }

    public static ProblemException webhookNotFound() {
        return new ProblemException("webhook-not-found", "Webhook not found", 404,
                "This org has no webhook with this id.");
    }

    public static ProblemException deliveryNotFound() {
        return new ProblemException("delivery-not-found", "Delivery not found", 404,
                "This webhook has no delivery with this id.");
    }

    /** The caller already holds as many live streams as allowed on this replica. */
    public static ProblemException tooManyStreams(int max) {
        return new ProblemException(new Problem("too-many-streams", "Too many live streams", 429,
                "You already have " + max + " live streams open; close one (or reuse it) first.").retryAfter(5));
    }

    /** This replica holds as many live streams as it may: the caller should retry (another replica may take it). */
    public static ProblemException streamsFull() {
        return new ProblemException(new Problem("overloaded", "Too busy", 503,
                "This replica holds as many live streams as it may. Retry after a few seconds.").retryAfter(5));
    }
}
