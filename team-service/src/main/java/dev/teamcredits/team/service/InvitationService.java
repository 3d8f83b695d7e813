package dev.teamcredits.team.service;

import dev.teamcredits.common.idempotency.Idempotency;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.config.TeamConfig;
import dev.teamcredits.team.domain.InvitationAcceptance;
import dev.teamcredits.team.domain.InvitationStatus;
import dev.teamcredits.team.domain.SameDomainRule;
import dev.teamcredits.team.domain.Seats;
import dev.teamcredits.team.domain.TeamPlans;
import dev.teamcredits.team.messaging.TeamEventPublisher;
import dev.teamcredits.team.repository.InvitationEntity;
import dev.teamcredits.team.repository.InvitationRepository;
import dev.teamcredits.team.repository.MemberEntity;
import dev.teamcredits.team.repository.MemberRepository;
import dev.teamcredits.team.repository.OrgEntity;
import dev.teamcredits.team.repository.OrgRepository;
import dev.teamcredits.team.repository.SeatRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Invitations: an admin invites an email with a role; the invitee accepts with their own token
 * ({@link InvitationAcceptance}). Each needs a seat ({@link Seats}).
 */
@ApplicationScoped
public class InvitationService {

    /**
     * An invitation as the admin asked for it (the idempotency key's request).
     *
     * @param poolAccess null: not said (no pool access)
     */
    public record InviteCommand(String email, Role role, Boolean poolAccess) {
    }

    private final OrgRepository orgs;
    private final MemberRepository members;
    private final InvitationRepository invitations;
    private final SeatRepository seats;
    private final OrgAccess access;
    private final TeamEventPublisher events;
    private final TeamPlans plans;
    private final TeamConfig config;
    private final Idempotency idempotency;

    public InvitationService(OrgRepository orgs, MemberRepository members, InvitationRepository invitations,
            SeatRepository seats, OrgAccess access, TeamEventPublisher events, TeamPlans plans, TeamConfig config,
            Idempotency idempotency) {
        this.orgs = orgs;
        this.members = members;
        this.invitations = invitations;
        this.seats = seats;
        this.access = access;
        this.events = events;
        this.plans = plans;
        this.config = config;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<Outcome<InvitationView>> invite(Caller caller, String idempotencyKey, UUID orgId,
            InviteCommand command) {
        return idempotency.once(caller.subject(), idempotencyKey, List.of("invite", orgId, command),
                InvitationView.class, () -> doInvite(caller, orgId, command));
    }

    /** Refused for a member, an email already invited, another domain ({@link SameDomainRule}), a full org. */
    private Uni<InvitationView> doInvite(Caller caller, UUID orgId, InviteCommand command) {
        String email = InvitationAcceptance.address(command.email());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return access.lock(orgId).chain(org -> access.admin(orgId, caller).chain(me -> {
            if (!SameDomainRule.admits(org.sameDomainOnly, me.email, email)) {
                throw TeamProblems.domainMismatch(SameDomainRule.domainOf(me.email));
            }
            return members.findByEmail(orgId, email)
                    .invoke(existing -> {
                        if (existing != null) {
                            throw TeamProblems.alreadyMember();
                        }
                    })
                    .chain(() -> invitations.findPending(orgId, email))
                    .chain(previous -> supersedeExpired(previous, now))
                    .chain(() -> seats.seats(orgId, Instant.now()))
                    .chain(inUse -> {
                        requireSeat(org, inUse.toInvite(seatLimit(org)));
                        InvitationEntity invitation = new InvitationEntity();
                        invitation.id = UUID.randomUUID();
                        invitation.orgId = orgId;
                        invitation.email = email;
                        invitation.role = command.role();
                        invitation.poolAccess = InvitationAcceptance.poolAccess(command.poolAccess());
                        invitation.invitedBy = caller.subject();
                        invitation.status = InvitationStatus.PENDING;
                        invitation.createdAt = now;
                        invitation.expiresAt = now.plus(config.invitations().ttl());
                        return invitations.persist(invitation).map(i -> InvitationView.of(i, org, now));
                    });
        }));
    }

    /** A pending invitation past its expiry is marked EXPIRED so the email can be invited again. */
    private Uni<Void> supersedeExpired(InvitationEntity previous, Instant now) {
        if (previous == null) {
            return Uni.createFrom().voidItem();
        }
        if (previous.statusAt(now) == InvitationStatus.PENDING) {
            throw TeamProblems.invitationExists();
        }
        previous.resolve(InvitationStatus.EXPIRED, null, now);
        // Flush now: Hibernate would otherwise insert the new PENDING row before this update.
        return invitations.flush();
    }

    /** A page of the org's invitations, newest first; {@code cursor} is a previous page's {@code nextCursor}. */
    @WithSession
    public Uni<Page<InvitationView>> list(Caller caller, UUID orgId, String cursor, int limit) {
        String scope = Page.Of.ORG_INVITATIONS.scope(orgId);
        long before = Page.position(scope, cursor, Long.MAX_VALUE);
        Instant now = Instant.now();
        return access.admin(orgId, caller).chain(me -> orgs.findById(orgId).chain(org -> invitations
                .pageByOrg(orgId, before, limit + 1)
                .map(rows -> Page.of(scope, rows, limit, i -> i.seq, i -> InvitationView.of(i, org, now)))));
    }

    /** Revokes a pending invitation, freeing its seat. */
    @WithTransaction
    public Uni<InvitationView> revoke(Caller caller, UUID orgId, UUID invitationId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return access.lock(orgId).chain(org -> access.admin(orgId, caller)
                .chain(() -> invitations.findById(invitationId))
                .map(invitation -> {
                    if (invitation == null || !invitation.orgId.equals(orgId)) {
                        throw TeamProblems.invitationNotFound();
                    }
                    requirePending(invitation, now);
                    invitation.resolve(InvitationStatus.REVOKED, caller.subject(), now);
                    return InvitationView.of(invitation, org, now);
                }));
    }

    /** The invitee joins with the invited role ({@link InvitationAcceptance}). */
    @WithTransaction
    public Uni<Outcome<MemberView>> accept(Caller caller, String idempotencyKey, UUID invitationId) {
        return idempotency.once(caller.subject(), idempotencyKey, List.of("accept", invitationId),
                MemberView.class, () -> doAccept(caller, invitationId));
    }

    private Uni<MemberView> doAccept(Caller caller, UUID invitationId) {
        if (!caller.hasEmail()) {
            throw TeamProblems.userTokenRequired();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Lock the org before reading the invitation, so a concurrent revoke or accept is seen.
        return invitations.orgOf(invitationId).onItem().ifNull().failWith(TeamProblems::invitationNotFound)
                .chain(access::lock)
                .chain(org -> invitations.findById(invitationId).chain(invitation -> {
                    if (!InvitationAcceptance.isInvitee(invitation.email, caller.email())) {
                        throw TeamProblems.invitationEmailMismatch();
                    }
                    return join(caller, invitation, org, now);
                }));
    }

    private Uni<MemberView> join(Caller caller, InvitationEntity invitation, OrgEntity org, Instant now) {
        requirePending(invitation, now);
        return members.find(org.id, caller.subject()).chain(existing -> {
            if (existing != null) {
                throw TeamProblems.alreadyMember();
            }
            return members.countByOrg(org.id);
        }).chain(count -> {
            requireSeat(org, Seats.toJoin(count, seatLimit(org)));
            MemberEntity member = MemberEntity.joining(org.id, caller.subject(), caller.email(),
                    caller.displayName(), invitation.role, invitation.poolAccess, now);
            invitation.resolve(InvitationStatus.ACCEPTED, caller.subject(), now);
            return members.persist(member)
                    .chain(() -> events.publish(member.joinedEvent(invitation.id)))
                    .replaceWith(() -> MemberView.seenBy(member, member));
        });
    }

    /**
     * A page of the open invitations addressed to the caller's email, across orgs, oldest first; {@code cursor} is
     * a previous page's {@code nextCursor}. An invitation that closes between pages is simply not on the next one.
     */
    @WithSession
    public Uni<Page<InvitationView>> mine(Caller caller, String cursor, int limit) {
        String scope = Page.Of.MY_INVITATIONS.scope(caller.subject());
        long after = Page.position(scope, cursor, 0);
        if (!caller.hasEmail()) {
            return Uni.createFrom().item(new Page<>(List.of(), null));
        }
        Instant now = Instant.now();
        return invitations.pageOpenForEmail(caller.email(), now, after, limit + 1).chain(open -> orgs
                .byId(open.stream().map(i -> i.orgId).toList())
                .map(byId -> Page.of(scope, open, limit, i -> i.seq,
                        i -> InvitationView.of(i, byId.get(i.orgId), now))));
    }

    private int seatLimit(OrgEntity org) {
        return plans.terms(org.plan).orElseThrow().memberLimit();
    }

    private static void requireSeat(OrgEntity org, Seats.Check check) {
        if (!check.fits()) {
            throw TeamProblems.memberLimitReached(org.plan, check);
        }
    }

    private static void requirePending(InvitationEntity invitation, Instant now) {
        InvitationStatus status = invitation.statusAt(now);
        if (status != InvitationStatus.PENDING) {
            throw TeamProblems.invitationNotPending(status);
        }
    }
}
