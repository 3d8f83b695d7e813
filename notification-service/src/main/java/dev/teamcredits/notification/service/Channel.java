package dev.teamcredits.notification.service;

/** Where a user can be told. Webhooks are the org's, not a user's, so they are not a channel here. */
public enum Channel {
    /** Always on: the inbox is the record of what the user was told. */
    INBOX,
    EMAIL,
    /** The live Server-Sent Events stream. */
    STREAM;

    /** Defaults without a stored preference: email only for credits received, everything else on. */
    public boolean defaultFor(NotificationType type) {
        return this != EMAIL || type == NotificationType.TRANSFER_RECEIVED;
    }
}
