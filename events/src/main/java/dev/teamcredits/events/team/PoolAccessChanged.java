package dev.teamcredits.events.team;

import dev.teamcredits.events.EventType;
import java.util.UUID;

@EventType(name = "team.member.pool-access-changed", version = 1)
public record PoolAccessChanged(UUID orgId, String userId, boolean poolAccess, String changedBy)
        implements TeamEvent {
}
