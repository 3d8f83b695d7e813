package dev.teamcredits.usage.domain.report;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The team page's usage table for one cycle, as one viewer may see it.
 *
 * @param members every member for an admin; only the viewer for a member
 */
public record CycleUsageReport(UUID orgId, LocalDate cycleStart, LocalDate cycleEnd, PoolCycleTotals pool,
        List<MemberCycleUsage> members) {
}
