package dev.teamcredits.usage.domain.report;

import java.time.LocalDate;

/**
 * One cycle of the org's history with its totals (a member's own, for a member).
 *
 * @param poolTotal credits that entered the pool in the cycle
 * @param fromPool  credits drawn from the pool ("Credits Used")
 */
public record CycleTotals(LocalDate cycleStart, LocalDate cycleEnd, long poolTotal, long fromPool, long fromMember,
        long fromPersonal, long spends) {
}
