package dev.teamcredits.team.repository;

import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's membership in one org, as a row. */
@Entity
@Table(name = "member")
public class MemberEntity {

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

    /**
     * The row's position in the lists that page ({@code nextCursor} carries it): members list in the order they
     * joined. Assigned by the database on insert (null on an entity persisted in this session), never changed.
     */
    @Column(insertable = false, updatable = false)
    public Long seq;

    /** A new member, without a pool cap. */
    public static MemberEntity joining(UUID orgId, String userId, String email, String displayName, Role role,
            boolean poolAccess, Instant joinedAt) {
        MemberEntity member = new MemberEntity();
        member.id = UUID.randomUUID();
        member.orgId = orgId;
        member.userId = userId;
        member.email = email;
        member.displayName = displayName;
        member.role = role;
        member.poolAccess = poolAccess;
        member.joinedAt = joinedAt;
        return member;
    }

    /** The event that tells other services this member joined; {@code invitationId} null for an org's creator. */
    public MemberJoined joinedEvent(UUID invitationId) {
        return new MemberJoined(orgId, userId, email, displayName, role, poolAccess, poolCap, joinedAt, invitationId);
    }
}
