package dev.teamcredits.events.team;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An org was created. Its creator's {@link MemberJoined} (as ADMIN) follows in the same transaction.
 *
 * @param cycleAnchor the day billing cycles start from (monthly, same day of month)
 */
@EventType(name = "team.org.created", version = 1)
public record OrgCreated(UUID orgId, String name, Plan plan, PlanTerms terms, OrgSettings settings,
        LocalDate cycleAnchor, String createdBy, Instant createdAt) implements TeamEvent {
}
