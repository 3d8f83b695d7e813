package dev.teamcredits.usage.rest.dto;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the usage API returns. */
public final class UsageViews {

    private UsageViews() {
    }

    /**
     * The team page's usage table for one cycle.
     *
     * @param members every member for admins; only the caller for members
     */
    public record CycleUsage(UUID orgId, LocalDate cycleStart, LocalDate cycleEnd, PoolCard pool,
            List<MemberUsage> members) {
    }

    /** @param total credits that entered the pool this cycle; available: right now (for the current cycle) */
    public record PoolCard(Long available, long total) {
    }

    /** @param creditsUsed credits drawn from the pool ("Credits Used") */
    public record MemberUsage(String userId, String email, String displayName, long creditsUsed, long fromMember,
            long fromPersonal, long spends, Map<String, Long> byAction) {
    }

    public record CycleSummary(LocalDate cycleStart, LocalDate cycleEnd, long poolTotal, long creditsUsed,
            long fromMember, long fromPersonal, long spends) {
    }

    public record Day(LocalDate day, long credits, long spends) {
    }
}
