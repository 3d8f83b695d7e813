package dev.teamcredits.team.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.events.team.Role;
import java.time.Instant;

/**
 * A member of an org.
 *
 * @param pool pool access and cap: shown to admins, and to each member for themself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberResponse(String userId, String email, String displayName, Role role, Instant joinedAt,
        PoolSettings pool) {

    /** @param cap credits per cycle from the pool; null = no cap */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PoolSettings(boolean access, Long cap) {
    }
}
