package dev.teamcredits.events.team;

/** A member's role in one org. An org always has at least one ADMIN. */
public enum Role {
    ADMIN, MEMBER
}
