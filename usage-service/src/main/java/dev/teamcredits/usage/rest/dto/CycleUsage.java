package dev.teamcredits.usage.rest.dto;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The team page's usage table for one cycle.
 *
 * @param members every member for admins; only the caller for members
 */
public record CycleUsage(UUID orgId, LocalDate cycleStart, LocalDate cycleEnd, PoolCard pool,
        List<MemberUsage> members) {
}
