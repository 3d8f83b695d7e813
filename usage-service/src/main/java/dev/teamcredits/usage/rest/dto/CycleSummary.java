package dev.teamcredits.usage.rest.dto;

import java.time.LocalDate;

/**
 * One cycle of the org's usage history with its totals.
 *
 * @param poolTotal   credits that entered the pool in the cycle
 * @param creditsUsed credits drawn from the pool ("Credits Used")
 */
public record CycleSummary(LocalDate cycleStart, LocalDate cycleEnd, long poolTotal, long creditsUsed,
        long fromMember, long fromPersonal, long spends) {
}
