package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.Role;
import java.util.UUID;

/** One entry of the account switcher. */
public record MyOrgResponse(UUID orgId, String name, Plan plan, Role role) {
}
