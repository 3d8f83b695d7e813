package dev.teamcredits.team.repository;

import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.domain.InvitationStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An admin's invitation of an email address into an org, with the role it will join as, as a row. */
@Entity
@Table(name = "invitation")
public class InvitationEntity {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    /** As {@link dev.teamcredits.team.domain.InvitationAcceptance#address} makes it. */
    @Column(nullable = false)
    public String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "pool_access", nullable = false)
    public boolean poolAccess;

    @Column(name = "invited_by", nullable = false)
    public String invitedBy;

    /** As stored; {@link #statusAt} is what it is now. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvitationStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /**
     * The row's position in the lists that page ({@code nextCursor} carries it): invitations list in the order
     * they were made. Assigned by the database on insert (null on an entity persisted in this session), never
     * changed.
     */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public InvitationStatus statusAt(Instant now) {
        return InvitationStatus.at(status, expiresAt, now);
    }

    /** Ends a pending invitation as {@code outcome}, by {@code who} (null for the system). */
    public void resolve(InvitationStatus outcome, String who, Instant at) {
        status = outcome;
        resolvedBy = who;
        resolvedAt = at;
    }
}
