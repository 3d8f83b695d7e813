package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.domain.InvitationStatus;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An invitation to join an organization, with its status now.")
public record InvitationResponse(
        @Schema(description = "The invitation's id (the invitee accepts it by this id)", required = true) UUID id,
        @Schema(description = "The org the invitation is to", required = true) UUID orgId,
        @Schema(description = "The org's name", required = true) String orgName,
        @Schema(description = "The invited email address (lower case)", required = true, format = "email")
        String email,
        @Schema(description = "The role the invitee joins with", required = true) Role role,
        @Schema(description = "Whether the invitee may draw on the org's pool once joined", required = true)
        boolean poolAccess,
        @Schema(description = "PENDING until accepted, revoked or past expiresAt (then EXPIRED)", required = true)
        InvitationStatus status,
        @Schema(description = "The user id of the admin who invited", required = true) String invitedBy,
        @Schema(description = "When the invitation was made", required = true) Instant createdAt,
        @Schema(description = "When the invitation expires unless accepted or revoked before", required = true)
        Instant expiresAt) {
}
