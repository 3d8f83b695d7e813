package dev.teamcredits.events.team;

import dev.teamcredits.events.EventType;
import java.util.UUID;

/** @param poolCap credits per cycle the member may draw from the pool; null = no cap */
@EventType(name = "team.member.pool-cap-changed", version = 1)
public record PoolCapChanged(UUID orgId, String userId, Long poolCap, String changedBy) implements TeamEvent {
}
