package dev.teamcredits.team.service;

import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.domain.OrgVisibility;
import dev.teamcredits.team.repository.MemberEntity;
import java.time.Instant;

/**
 * A member as the caller may see them. Stored with an idempotency key (an accepted invitation) and read
 * back on a retry, so its fields keep the names of the API's {@code MemberResponse}.
 *
 * @param pool null unless the caller may see it ({@link dev.teamcredits.team.domain.OrgVisibility})
 */
public record MemberView(String userId, String email, String displayName, Role role, Instant joinedAt,
        PoolSettings pool) {

    /** @param cap credits per cycle from the pool; null = no cap */
    public record PoolSettings(boolean access, Long cap) {
    }

    /** {@code member} as {@code viewer} sees them. */
    static MemberView seenBy(MemberEntity viewer, MemberEntity member) {
        boolean poolVisible = OrgVisibility.seesPoolSettings(viewer.role, viewer.userId, member.userId);
        return new MemberView(member.userId, member.email, member.displayName, member.role, member.joinedAt,
                poolVisible ? new PoolSettings(member.poolAccess, member.poolCap) : null);
    }
}
