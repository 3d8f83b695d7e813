package dev.teamcredits.notification.domain;

/**
 * What a notification tells its recipient, and which channels tell it when the user has not chosen:
 * the inbox always, email only for credits received (the one thing worth an email unasked), the
 * live stream always. Users change email and stream per type ({@link ChannelPreferences}).
 */
public enum NotificationType {
    /** A member received credits from a transfer. */
    TRANSFER_RECEIVED(true),
    /** The admin who made a transfer: a confirmation. */
    TRANSFER_SENT(false),
    /** A member whose balance was the source of a transfer (a claw-back or a move to the pool). */
    TRANSFER_DEDUCTED(false),
    /** The other admins, when the pool is one side of a transfer. */
    POOL_TRANSFER(false),
    /** The admins: a removed member's balance went back to the pool. */
    CREDITS_SWEPT(false),
    LOW_BALANCE(false),
    POOL_EMPTY(false),
    RESERVATION_EXPIRED(false),
    UNUSUAL_USAGE(false),
    MEMBER_ADDED(false),
    MEMBER_REMOVED(false);

    private final boolean emailByDefault;

    NotificationType(boolean emailByDefault) {
        this.emailByDefault = emailByDefault;
    }

    /** Whether the channel tells of this type for a user who has not chosen. */
    public boolean onByDefault(DeliveryChannel channel) {
        return channel != DeliveryChannel.EMAIL || emailByDefault;
    }
}
