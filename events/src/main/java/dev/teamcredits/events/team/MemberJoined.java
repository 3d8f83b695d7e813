package dev.teamcredits.events.team;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A user became a member: the org's creator, or an invitee who accepted.
 *
 * @param userId       the identity provider's subject
 * @param poolCap      credits the member may draw from the pool per cycle; null = no cap
 * @param invitationId the accepted invitation; null for the creator
 */
@EventType(name = "team.member.joined", version = 1)
public record MemberJoined(UUID orgId, String userId, String email, String displayName, Role role,
        boolean poolAccess, Long poolCap, Instant joinedAt, UUID invitationId) implements TeamEvent {
}
