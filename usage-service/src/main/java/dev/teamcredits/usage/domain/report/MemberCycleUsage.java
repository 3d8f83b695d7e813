package dev.teamcredits.usage.domain.report;

import java.util.Map;

/**
 * One member's counters in one cycle.
 *
 * @param fromPool        credits drawn from the pool ("Credits Used")
 * @param creditsByAction credits per action, by action name
 */
public record MemberCycleUsage(String userId, String email, String displayName, long fromPool, long fromMember,
        long fromPersonal, long spends, Map<String, Long> creditsByAction) {
}
