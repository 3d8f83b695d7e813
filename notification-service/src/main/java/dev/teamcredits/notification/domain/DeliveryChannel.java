package dev.teamcredits.notification.domain;

/** Where a user can be told. Webhooks are the org's, not a user's, so they are not a channel here. */
public enum DeliveryChannel {
    /** Always on: the inbox is the record of what the user was told. */
    INBOX,
    EMAIL,
    /** The live Server-Sent Events stream. */
    STREAM;

    /** The inbox cannot be turned off; email and the stream can, per type. */
    public boolean isAlwaysOn() {
        return this == INBOX;
    }
}
