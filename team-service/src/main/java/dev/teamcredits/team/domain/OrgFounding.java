package dev.teamcredits.team.domain;

import dev.teamcredits.events.team.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A new org: its creator joins as its first ADMIN, with pool access (the pool is theirs to run), and
 * its billing cycles run monthly from its creation date (UTC). Its settings start from configuration.
 */
public final class OrgFounding {

    public static final Role CREATOR_ROLE = Role.ADMIN;
    public static final boolean CREATOR_POOL_ACCESS = true;

    private OrgFounding() {
    }

    public static LocalDate cycleAnchor(Instant createdAt) {
        return LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
    }
}
