package dev.teamcredits.ledger.rest.dto;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The team page's numbers.
 *
 * @param members every member for admins (with {@code former=true}, former members too); only the
 *                caller for members
 */
public record BalancesResponse(UUID orgId, LocalDate cycleStart, LocalDate cycleEnd, PoolBalance pool,
        List<MemberBalance> members) {

    /**
     * @param totalThisCycle credits that entered the pool this cycle (allocation, rollover, top-ups, transfers in)
     * @param lots           the pool's credits by kind and expiry, in burn order
     */
    public record PoolBalance(long balance, long reserved, long available, long totalThisCycle, List<LotView> lots) {
    }

    /**
     * @param active             false for a former member (listed only on request)
     * @param poolDrawnThisCycle pool credits this member spent this cycle (counts against poolCap)
     * @param poolHeld           pool credits this member's open reservations hold (count against poolCap too)
     * @param lots               the member balance's credits by kind and expiry, in burn order
     */
    public record MemberBalance(String userId, String email, String displayName, boolean active, long balance,
            long reserved, long available, boolean poolAccess, Long poolCap, long poolDrawnThisCycle, long poolHeld,
            List<LotView> lots) {
    }
}
