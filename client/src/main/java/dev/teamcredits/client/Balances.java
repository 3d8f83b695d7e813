package dev.teamcredits.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An org's balances as the team page shows them: the pool and the members (an admin sees every member, a member
 * only themself).
 */
public record Balances(String orgId, LocalDate cycleStart, LocalDate cycleEnd, Pool pool, List<Member> members) {

    /**
     * Credits of one kind and expiry, in burn order.
     *
     * @param kind      {@code SUBSCRIPTION}, {@code ROLLOVER}, {@code FREE} or {@code TOP_UP}
     * @param expiresAt null = never
     */
    public record Lot(String kind, Instant expiresAt, long remaining) {
    }

    /**
     * The org's pool.
     *
     * @param totalThisCycle credits that entered the pool this cycle
     */
    public record Pool(long balance, long reserved, long available, long totalThisCycle, List<Lot> lots) {
    }

    /**
     * A member's balance and pool settings.
     *
     * @param poolCap            pool credits per cycle; null = no cap
     * @param poolDrawnThisCycle pool credits spent this cycle
     * @param poolHeld           pool credits their open holds keep
     */
    public record Member(String userId, String email, String displayName, boolean active, long balance,
            long reserved, long available, boolean poolAccess, Long poolCap, long poolDrawnThisCycle, long poolHeld,
            List<Lot> lots) {
    }

    /** The member's row, if listed. */
    public Optional<Member> member(String userId) {
        return members == null ? Optional.empty() : members.stream().filter(m -> m.userId().equals(userId))
                .findFirst();
    }
}
