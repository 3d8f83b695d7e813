package dev.teamcredits.team.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.PoolAccessChanged;
import dev.teamcredits.events.team.PoolCapChanged;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.team.domain.LastAdmin;
import dev.teamcredits.team.messaging.TeamEventPublisher;
import dev.teamcredits.team.repository.MemberEntity;
import dev.teamcredits.team.repository.MemberRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/** Members of an org: listing, removal, roles, pool access and pool caps. */
@ApplicationScoped
public class MembershipService {

    private final MemberRepository members;
    private final OrgAccess access;
    private final TeamEventPublisher events;

    public MembershipService(MemberRepository members, OrgAccess access, TeamEventPublisher events) {
        this.members = members;
        this.access = access;
        this.events = events;
    }

    /**
     * A page of the members in the order they joined, with pool settings where the caller may see them; {@code cursor}
     * (null: from the first) is a previous page's {@code nextCursor}.
     */
    @WithSession
    public Uni<Page<MemberView>> list(Caller caller, UUID orgId, String cursor, int limit) {
        String scope = Page.Of.MEMBERS.scope(orgId);
        long after = Page.position(scope, cursor, 0);
        return access.member(orgId, caller).chain(me -> members.pageByOrg(orgId, after, limit + 1)
                .map(rows -> Page.of(scope, rows, limit, m -> m.seq, m -> MemberView.seenBy(me, m))));
    }

    /** Removes a member ({@link LastAdmin}). The ledger sweeps their balance back to the pool. */
    @WithTransaction
    public Uni<Void> remove(Caller caller, UUID orgId, String userId) {
        return change(caller, orgId, userId, target -> members.countAdmins(orgId).chain(admins -> {
            if (LastAdmin.blocksRemoval(target.role, admins)) {
                throw TeamProblems.lastAdmin();
            }
            return members.delete(target);
        }).chain(() -> events.publish(new MemberRemoved(orgId, target.userId, target.email, caller.subject(),
                Instant.now()))).replaceWith(target)).replaceWithVoid();
    }

    /** Changes a role ({@link LastAdmin}); the same role changes and publishes nothing. */
    @WithTransaction
    public Uni<MemberView> changeRole(Caller caller, UUID orgId, String userId, Role role) {
        return change(caller, orgId, userId, target -> {
            if (target.role == role) {
                return Uni.createFrom().item(target);
            }
            Role from = target.role;
            return members.countAdmins(orgId).chain(admins -> {
                if (LastAdmin.blocksRoleChange(from, role, admins)) {
                    throw TeamProblems.lastAdmin();
                }
                target.role = role;
                return events.publish(new RoleChanged(orgId, target.userId, from, role, caller.subject()))
                        .replaceWith(target);
            });
        });
    }

    @WithTransaction
    public Uni<MemberView> setPoolAccess(Caller caller, UUID orgId, String userId, boolean enabled) {
        return change(caller, orgId, userId, target -> {
            if (target.poolAccess == enabled) {
                return Uni.createFrom().item(target);
            }
            target.poolAccess = enabled;
            return events.publish(new PoolAccessChanged(orgId, target.userId, enabled, caller.subject()))
                    .replaceWith(target);
        });
    }

    /** Sets the member's per-cycle pool cap; null removes it. */
    @WithTransaction
    public Uni<MemberView> setPoolCap(Caller caller, UUID orgId, String userId, Long cap) {
        return change(caller, orgId, userId, target -> {
            if (Objects.equals(target.poolCap, cap)) {
                return Uni.createFrom().item(target);
            }
            target.poolCap = cap;
            return events.publish(new PoolCapChanged(orgId, target.userId, cap, caller.subject())).replaceWith(target);
        });
    }

    /** Admin action on one member, with the org locked for the transaction; the member as the admin sees them. */
    private Uni<MemberView> change(Caller caller, UUID orgId, String userId,
            Function<MemberEntity, Uni<MemberEntity>> action) {
        return access.lock(orgId)
                .chain(org -> access.admin(orgId, caller))
                .chain(me -> members.find(orgId, userId).onItem().ifNull().failWith(TeamProblems::memberNotFound)
                        .chain(action::apply).map(target -> MemberView.seenBy(me, target)));
    }
}
