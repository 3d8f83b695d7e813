package dev.teamcredits.events.ledger;

/**
 * Names a credit account in events: an org's pool, a member's balance in an org, or a user's
 * personal balance.
 *
 * @param userId null for the pool
 */
public record AccountRef(Kind kind, String userId) {

    public enum Kind {
        POOL, MEMBER, PERSONAL
    }

    public static AccountRef pool() {
        return new AccountRef(Kind.POOL, null);
    }

    public static AccountRef member(String userId) {
        return new AccountRef(Kind.MEMBER, userId);
    }

    public static AccountRef personal(String userId) {
        return new AccountRef(Kind.PERSONAL, userId);
    }
}
