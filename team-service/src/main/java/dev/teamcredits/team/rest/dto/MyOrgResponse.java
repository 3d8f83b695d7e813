package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.Role;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of the account switcher. */
@Schema(description = "One org the caller belongs to, with their role in it (an account switcher's entry).")
public record MyOrgResponse(
        @Schema(description = "The org's id", required = true) UUID orgId,
        @Schema(description = "The org's name", required = true) String name,
        @Schema(description = "The plan the org is on", required = true) Plan plan,
        @Schema(description = "The caller's role in the org", required = true) Role role) {
}
