package dev.teamcredits.team.domain;

import dev.teamcredits.events.team.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An admin's invitation of an email address into an org, with the role it will join as. */
@Entity
@Table(name = "invitation")
public class Invitation {

    /** Stored states; EXPIRED is derived from {@link #expiresAt}, so no job has to flip it. */
    public enum Status {
        PENDING, ACCEPTED, REVOKED, EXPIRED
    }

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    /** Lower-cased. */
    @Column(nullable = false)
    public String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "pool_access", nullable = false)
    public boolean poolAccess;

    @Column(name = "invited_by", nullable = false)
    public String invitedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    /** The state as of {@code now}: a pending invitation past its expiry is EXPIRED. */
    public Status statusAt(Instant now) {
        return status == Status.PENDING && !expiresAt.isAfter(now) ? Status.EXPIRED : status;
    }
}
