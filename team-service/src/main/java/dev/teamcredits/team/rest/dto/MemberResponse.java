package dev.teamcredits.team.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.events.team.Role;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A member of an org.
 *
 * @param pool pool access and cap: shown to admins, and to each member for themself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A member of an organization.")
public record MemberResponse(
        @Schema(description = "The member's user id (the identity provider's subject)", required = true)
        String userId,
        @Schema(description = "The member's email address", required = true, format = "email") String email,
        @Schema(description = "The member's name from their token; left out if it had none") String displayName,
        @Schema(description = "The member's role", required = true) Role role,
        @Schema(description = "When the member joined", required = true) Instant joinedAt,
        @Schema(description = "The member's pool access and cap; shown to admins, and to each member for "
                + "themself, left out otherwise") PoolSettings pool) {

    /** @param cap credits per cycle from the pool; null = no cap */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "Whether and how much a member may draw on the org's pool.")
    public record PoolSettings(
            @Schema(description = "Whether the member's spends draw on the pool", required = true) boolean access,
            @Schema(description = "Credits per billing cycle the member may draw from the pool; null: no cap",
                    required = true, format = "int64", minimum = "0", maximum = "1000000000000", nullable = true)
            Long cap) {
    }
}
