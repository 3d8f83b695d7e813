package dev.teamcredits.team.domain;

import dev.teamcredits.events.team.Role;

/** An org always has an admin: its last admin can be neither removed nor demoted (promote someone first). */
public final class LastAdmin {

    private LastAdmin() {
    }

    /** Whether removing a member with {@code role} from an org with {@code admins} admins is refused. */
    public static boolean blocksRemoval(Role role, long admins) {
        return role == Role.ADMIN && admins <= 1;
    }

    /** Whether changing a member's role {@code from} → {@code to} in an org with {@code admins} admins is refused. */
    public static boolean blocksRoleChange(Role from, Role to, long admins) {
        return to != Role.ADMIN && blocksRemoval(from, admins);
    }
}
