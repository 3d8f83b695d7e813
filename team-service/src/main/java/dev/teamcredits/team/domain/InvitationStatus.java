package dev.teamcredits.team.domain;

import java.time.Instant;

/**
 * Where an invitation stands. Only a PENDING one can be accepted or revoked, and only a PENDING one
 * holds a seat. EXPIRED is derived from the expiry time, so no job has to flip it; it is stored only
 * when a new invitation of the same email replaces an expired one.
 */
public enum InvitationStatus {
    PENDING, ACCEPTED, REVOKED, EXPIRED;

    /** The status as of {@code now} of an invitation stored as {@code stored} that expires at {@code expiresAt}. */
    public static InvitationStatus at(InvitationStatus stored, Instant expiresAt, Instant now) {
        return stored == PENDING && !expiresAt.isAfter(now) ? EXPIRED : stored;
    }
}
