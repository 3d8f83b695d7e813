package dev.teamcredits.notification.service;

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
}
