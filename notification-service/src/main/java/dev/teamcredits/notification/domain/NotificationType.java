package dev.teamcredits.notification.domain;

/**
 * What a notification tells its recipient, and which channels tell it when the user has not chosen:
 * the inbox always, email only for money the user asked for or got (credits received by a transfer, a
 * purchase or an operator's grant, and a request to buy credits that came to nothing: the things worth
 * an email unasked), the live stream always. Users change email and stream per type
 * ({@link ChannelPreferences}).
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
    MEMBER_REMOVED(false),
    /** A top-up request was paid: the credits it asked for arrived. */
    TOP_UP_COMPLETED(true),
    /** Credits were bought for an account without a top-up request. */
    CREDITS_PURCHASED(true),
    /** The billing backend declined a top-up request, with its reason. */
    TOP_UP_DECLINED(true),
    /** A top-up request was neither paid nor declined in time. */
    TOP_UP_EXPIRED(true),
    /** An operator granted credits, with their reason. */
    OPERATOR_GRANT(true);

    private final boolean emailByDefault;

    NotificationType(boolean emailByDefault) {
        this.emailByDefault = emailByDefault;
    }

    /** Whether the channel tells of this type for a user who has not chosen. */
    public boolean onByDefault(DeliveryChannel channel) {
        return channel != DeliveryChannel.EMAIL || emailByDefault;
    }
}
