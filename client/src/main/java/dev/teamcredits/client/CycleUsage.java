package dev.teamcredits.client;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The usage table of one billing cycle (an admin sees every member, a member only themself). */
public record CycleUsage(String orgId, LocalDate cycleStart, LocalDate cycleEnd, PoolCard pool,
        List<MemberUsage> members) {

    /**
     * The pool card.
     *
     * @param available right now, for the current cycle; null for a past one
     * @param total     credits that entered the pool in the cycle
     */
    public record PoolCard(Long available, long total) {
    }

    /**
     * One member's row.
     *
     * @param creditsUsed  credits drawn from the pool ("Credits Used")
     * @param fromMember   credits from their member balance
     * @param fromPersonal credits from their personal balance
     * @param spends       how many spends
     * @param byAction     credits per action
     */
    public record MemberUsage(String userId, String email, String displayName, long creditsUsed, long fromMember,
            long fromPersonal, long spends, Map<String, Long> byAction) {
    }

    /** The member's row, if listed. */
    public Optional<MemberUsage> member(String userId) {
        return members == null ? Optional.empty() : members.stream().filter(m -> m.userId().equals(userId))
                .findFirst();
    }
}
