package dev.teamcredits.ledger.rest.dto;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The team page's numbers.
 *
 * @param members every member for admins; only the caller for members
 */
public record BalancesResponse(UUID orgId, LocalDate cycleStart, LocalDate cycleEnd, PoolBalance pool,
        List<MemberBalance> members) {

    /** @param totalThisCycle credits that entered the pool this cycle (allocation, rollover, top-ups, transfers in) */
    public record PoolBalance(long balance, long reserved, long available, long totalThisCycle) {
    }

    /** @param poolDrawnThisCycle pool credits this member spent this cycle (counts against poolCap) */
    public record MemberBalance(String userId, String email, String displayName, long balance, long reserved,
            long available, boolean poolAccess, Long poolCap, long poolDrawnThisCycle) {
    }
}
