package dev.teamcredits.team.domain;

import dev.teamcredits.events.team.Role;

/**
 * What a member sees of their org: the org without its settings and the member list without other
 * members' pool settings (access, cap); admins see everything. (Invitations are admin-only.)
 */
public final class OrgVisibility {

    private OrgVisibility() {
    }

    public static boolean seesSettings(Role viewer) {
        return viewer == Role.ADMIN;
    }

    /** Whether {@code viewerId}, with role {@code viewer}, sees the pool settings of member {@code memberId}. */
    public static boolean seesPoolSettings(Role viewer, String viewerId, String memberId) {
        return viewer == Role.ADMIN || viewerId.equals(memberId);
    }
}
