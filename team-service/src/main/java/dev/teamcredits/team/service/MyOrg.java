package dev.teamcredits.team.service;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.Role;
import java.util.UUID;

/** One org the caller belongs to, with their role in it (the account switcher). */
public record MyOrg(UUID orgId, String name, Plan plan, Role role) {
}
