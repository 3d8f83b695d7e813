package dev.teamcredits.usage.domain;

import dev.teamcredits.events.team.Role;

/**
 * Who reads usage and what they may see: an org's admin sees every member; a member sees the pool
 * card and only their own rows and daily series; the org's daily series is for admins.
 *
 * @param userId the reader, an active member of the org
 */
public record UsageViewer(String userId, boolean admin) {

    /** A member with their role in the org (as the team service's events named it). */
    public static UsageViewer of(String userId, String role) {
        return new UsageViewer(userId, Role.ADMIN.name().equals(role));
    }

    /** The one member whose rows this viewer sees, or null when they see every member's. */
    public String onlyMember() {
        return admin ? null : userId;
    }

    /** Whether this viewer may see the daily series of {@code memberId}, or of the whole org when it is null. */
    public boolean maySeeDailyOf(String memberId) {
        return admin || memberId != null && memberId.equals(userId);
    }
}
