package dev.teamcredits.team.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An org as the caller may see it.
 *
 * @param settings only for admins: members cannot change them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgResponse(UUID id, String name, Plan plan, PlanTerms terms, LocalDate cycleAnchor,
        Instant createdAt, Role yourRole, long memberCount, OrgSettings settings) {
}
