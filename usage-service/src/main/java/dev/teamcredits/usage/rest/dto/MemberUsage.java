package dev.teamcredits.usage.rest.dto;

import java.util.Map;

/**
 * One row of the usage table.
 *
 * @param creditsUsed credits drawn from the pool ("Credits Used")
 * @param byAction    credits per action
 */
public record MemberUsage(String userId, String email, String displayName, long creditsUsed, long fromMember,
        long fromPersonal, long spends, Map<String, Long> byAction) {
}
