package dev.teamcredits.team.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An org as the caller may see it.
 *
 * @param settings only for admins: members cannot change them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An organization as the caller may see it: members see it without its settings.")
public record OrgResponse(
        @Schema(description = "The org's id", required = true) UUID id,
        @Schema(description = "The org's name", required = true) String name,
        @Schema(description = "The plan the org is on", required = true) Plan plan,
        @Schema(description = "What the plan grants; left out only if the plan left the service's configuration")
        PlanTermsResponse terms,
        @Schema(description = "The date (UTC) billing cycles count from: each cycle starts on this day of a month",
                required = true) LocalDate cycleAnchor,
        @Schema(description = "When the org was created", required = true) Instant createdAt,
        @Schema(description = "The caller's role in the org", required = true) Role yourRole,
        @Schema(description = "How many members the org has (pending invitations not counted)", required = true,
                format = "int64", minimum = "1") long memberCount,
        @Schema(description = "The org's settings; only for admins, left out for members")
        OrgSettingsResponse settings) {

    @Schema(name = "PlanTerms", description = "What a plan grants, from the service's configuration.")
    public record PlanTermsResponse(
            @Schema(description = "Members plus open invitations the org may have", required = true,
                    format = "int32", minimum = "1") int memberLimit,
            @Schema(description = "Subscription credits granted into the pool at the start of each cycle",
                    required = true, format = "int64", minimum = "0") long monthlyAllocation,
            @Schema(description = "Whether unused subscription credits roll over into the next cycle, once",
                    required = true) boolean rollover) {
    }

    @Schema(name = "OrgSettings", description = "Org-wide rules an admin can switch.")
    public record OrgSettingsResponse(
            @Schema(description = "Whether spends may fall back to the member's personal balance once the pool and "
                    + "their member balance are used", required = true) boolean personalFallback,
            @Schema(description = "Whether invitees must share the inviting admin's email domain", required = true)
            boolean sameDomainOnly) {
    }
}
