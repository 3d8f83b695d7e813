package dev.teamcredits.events.team;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** An admin removed a member. The ledger sweeps the member's balance back to the pool. */
@EventType(name = "team.member.removed", version = 1)
public record MemberRemoved(UUID orgId, String userId, String email, String removedBy, Instant removedAt)
        implements TeamEvent {
}
