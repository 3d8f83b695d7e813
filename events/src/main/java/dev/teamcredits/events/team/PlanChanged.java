package dev.teamcredits.events.team;

import dev.teamcredits.events.EventType;
import java.util.UUID;

/** An admin changed the org's plan; {@code terms} are the new plan's. */
@EventType(name = "team.org.plan-changed", version = 1)
public record PlanChanged(UUID orgId, Plan from, Plan to, PlanTerms terms, String changedBy) implements TeamEvent {
}
