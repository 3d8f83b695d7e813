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

/** A user's membership in one org. */
@Entity
@Table(name = "member")
public class Member {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    /** The identity provider's subject. */
    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String email;

    @Column(name = "display_name")
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "pool_access", nullable = false)
    public boolean poolAccess;

    /** Credits per cycle this member may draw from the pool; null = no cap. */
    @Column(name = "pool_cap")
    public Long poolCap;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
