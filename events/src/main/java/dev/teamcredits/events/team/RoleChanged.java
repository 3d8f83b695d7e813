package dev.teamcredits.events.team;

import dev.teamcredits.events.EventType;
import java.util.UUID;

@EventType(name = "team.member.role-changed", version = 1)
public record RoleChanged(UUID orgId, String userId, Role from, Role to, String changedBy) implements TeamEvent {
}
