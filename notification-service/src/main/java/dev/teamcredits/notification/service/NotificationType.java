package dev.teamcredits.notification.service;

/** What a notification tells its recipient. Each has its own preferences per channel. */
public enum NotificationType {
    /** A member received credits from a transfer. */
    TRANSFER_RECEIVED,
    /** The admin who made a transfer: a confirmation. */
    TRANSFER_SENT,
    /** A member whose balance was the source of a transfer (a claw-back or a move to the pool). */
    TRANSFER_DEDUCTED,
    /** The other admins, when the pool is one side of a transfer. */
    POOL_TRANSFER,
    /** The admins: a removed member's balance went back to the pool. */
    CREDITS_SWEPT,
    LOW_BALANCE,
    POOL_EMPTY,
    RESERVATION_EXPIRED,
    UNUSUAL_USAGE,
    MEMBER_ADDED,
    MEMBER_REMOVED
}
