package dev.teamcredits.ledger.domain;

/**
 * A member leaves: after their holds are released, everything their balance holds goes back to the
 * pool (reason {@code member removed}, not reversible), so no credit is stranded; their auto top-up
 * ends with the membership (and so does their recurring allocation, which is not an account's).
 */
public final class MemberDeparture {

    public static final String REASON = "member removed";

    private MemberDeparture() {
    }

    /** Called before the holds are released, so that no refill of the leaving account fires on the way. */
    public static void endSettings(Account member) {
        member.autoTopUp = null;
    }

    public static void sweep(Postings postings, Account member, Account pool) {
        if (member.balance > 0) {
            postings.transferAll(member, pool, REASON, "system", "Team Credits");
        }
    }
}
