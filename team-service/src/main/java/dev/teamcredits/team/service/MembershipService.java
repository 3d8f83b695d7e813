package dev.teamcredits.team.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.PoolAccessChanged;
import dev.teamcredits.events.team.PoolCapChanged;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.team.domain.Member;
import dev.teamcredits.team.messaging.TeamEventPublisher;
import dev.teamcredits.team.repository.MemberRepository;
import dev.teamcredits.team.rest.dto.MemberResponse;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;

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

    /** Admins see everyone's pool settings; a member sees only their own. */
    @WithSession
    public Uni<List<MemberResponse>> list(Caller caller, UUID orgId) {
        return access.member(orgId, caller).chain(me -> members.listByOrg(orgId)
                .map(all -> all.stream().map(m -> view(m, me.isAdmin() || m.userId.equals(me.userId))).toList()));
    }

    /** Removes a member; the last admin cannot be removed. The ledger sweeps their balance back to the pool. */
    @WithTransaction
    public Uni<Void> remove(Caller caller, UUID orgId, String userId) {
        return change(caller, orgId, userId, (target, me) -> requireAnotherAdmin(target)
                .chain(() -> members.delete(target))
                .chain(() -> events.publish(new MemberRemoved(orgId, target.userId, target.email, caller.subject(),
                        Instant.now())))
                .replaceWith(target))
                .replaceWithVoid();
    }

    /** Changes a role; demoting the last admin is refused. */
    @WithTransaction
    public Uni<MemberResponse> changeRole(Caller caller, UUID orgId, String userId, Role role) {
        return change(caller, orgId, userId, (target, me) -> {
            if (target.role == role) {
                return Uni.createFrom().item(target);
            }
            Uni<Void> allowed = role == Role.MEMBER ? requireAnotherAdmin(target) : Uni.createFrom().voidItem();
            Role from = target.role;
            return allowed.invoke(() -> target.role = role)
                    .chain(() -> events.publish(new RoleChanged(orgId, target.userId, from, role, caller.subject())))
                    .replaceWith(target);
        }).map(m -> view(m, true));
    }

    @WithTransaction
    public Uni<MemberResponse> setPoolAccess(Caller caller, UUID orgId, String userId, boolean enabled) {
        return change(caller, orgId, userId, (target, me) -> {
            if (target.poolAccess == enabled) {
                return Uni.createFrom().item(target);
            }
            target.poolAccess = enabled;
            return events.publish(new PoolAccessChanged(orgId, target.userId, enabled, caller.subject()))
                    .replaceWith(target);
        }).map(m -> view(m, true));
    }

    /** Sets the member's per-cycle pool cap; null removes it. */
    @WithTransaction
    public Uni<MemberResponse> setPoolCap(Caller caller, UUID orgId, String userId, Long cap) {
        return change(caller, orgId, userId, (target, me) -> {
            if (Objects.equals(target.poolCap, cap)) {
                return Uni.createFrom().item(target);
            }
            target.poolCap = cap;
            return events.publish(new PoolCapChanged(orgId, target.userId, cap, caller.subject())).replaceWith(target);
        }).map(m -> view(m, true));
    }

    /** Admin action on one member, with the org locked for the transaction. */
    private Uni<Member> change(Caller caller, UUID orgId, String userId,
            BiFunction<Member, Member, Uni<Member>> action) {
        return access.lock(orgId)
                .chain(org -> access.admin(orgId, caller))
                .chain(me -> members.find(orgId, userId).onItem().ifNull().failWith(TeamProblems::memberNotFound)
                        .chain(target -> action.apply(target, me)));
    }

    private Uni<Void> requireAnotherAdmin(Member target) {
        if (!target.isAdmin()) {
            return Uni.createFrom().voidItem();
        }
        return members.countAdmins(target.orgId).invoke(admins -> {
            if (admins <= 1) {
                throw TeamProblems.lastAdmin();
            }
        }).replaceWithVoid();
    }

    static MemberResponse view(Member m, boolean showPool) {
        return new MemberResponse(m.userId, m.email, m.displayName, m.role, m.joinedAt,
                showPool ? new MemberResponse.PoolSettings(m.poolAccess, m.poolCap) : null);
    }
}
