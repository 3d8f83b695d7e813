package dev.teamcredits.team.service;

import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.domain.InvitationStatus;
import dev.teamcredits.team.repository.InvitationEntity;
import dev.teamcredits.team.repository.OrgEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * An invitation with its status now. Stored with an idempotency key and read back on a retry, so its
 * fields keep the names of the API's {@code InvitationResponse}.
 */
public record InvitationView(UUID id, UUID orgId, String orgName, String email, Role role, boolean poolAccess,
        InvitationStatus status, String invitedBy, Instant createdAt, Instant expiresAt) {

    /** {@code invitation} of {@code org} (null if unknown) as it stands at {@code now}. */
    static InvitationView of(InvitationEntity invitation, OrgEntity org, Instant now) {
        return new InvitationView(invitation.id, invitation.orgId, org == null ? null : org.name, invitation.email,
                invitation.role, invitation.poolAccess, invitation.statusAt(now), invitation.invitedBy,
                invitation.createdAt, invitation.expiresAt);
    }
}
