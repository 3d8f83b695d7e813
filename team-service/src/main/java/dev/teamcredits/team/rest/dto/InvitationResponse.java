package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.domain.InvitationStatus;
import java.time.Instant;
import java.util.UUID;

public record InvitationResponse(UUID id, UUID orgId, String orgName, String email, Role role, boolean poolAccess,
        InvitationStatus status, String invitedBy, Instant createdAt, Instant expiresAt) {
}
