package dev.teamcredits.client;

import java.time.Instant;

/**
 * A member of an org, from the team service.
 *
 * @param role {@code ADMIN} or {@code MEMBER}
 * @param pool pool access and cap: shown to admins, and to each member for themself; null otherwise
 */
public record Member(String userId, String email, String displayName, String role, Instant joinedAt,
        PoolSettings pool) {

    /** @param cap pool credits per cycle; null = no cap */
    public record PoolSettings(boolean access, Long cap) {
    }
}
