package dev.teamcredits.team.service;

import dev.teamcredits.common.idempotency.Idempotency;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.team.config.TeamConfig;
import dev.teamcredits.team.domain.Invitation;
import dev.teamcredits.team.domain.Invitation.Status;
import dev.teamcredits.team.domain.Member;
import dev.teamcredits.team.domain.Org;
import dev.teamcredits.team.messaging.TeamEventPublisher;
import dev.teamcredits.team.repository.InvitationRepository;
import dev.teamcredits.team.repository.MemberRepository;
import dev.teamcredits.team.repository.OrgRepository;
import dev.teamcredits.team.rest.dto.InvitationResponse;
import dev.teamcredits.team.rest.dto.InviteRequest;
import dev.teamcredits.team.rest.dto.MemberResponse;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Invitations: an admin invites an email with a role; the invitee accepts with their own token.
 * Members plus open invitations never exceed the plan's member limit.
 */
@ApplicationScoped
public class InvitationService {

    private final OrgRepository orgs;
    private final MemberRepository members;
    private final InvitationRepository invitations;
    private final OrgAccess access;
    private final OrgService orgService;
    private final TeamEventPublisher events;
    private final TeamConfig config;
    private final Idempotency idempotency;

    public InvitationService(OrgRepository orgs, MemberRepository members, InvitationRepository invitations,
            OrgAccess access, OrgService orgService, TeamEventPublisher events, TeamConfig config,
            Idempotency idempotency) {
        this.orgs = orgs;
        this.members = members;
        this.invitations = invitations;
        this.access = access;
        this.orgService = orgService;
        this.events = events;
        this.config = config;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<Outcome<InvitationResponse>> invite(Caller caller, String idempotencyKey, UUID orgId,
            InviteRequest request) {
        return idempotency.once(caller.subject(), idempotencyKey, List.of("invite", orgId, request),
                InvitationResponse.class, () -> doInvite(caller, orgId, request));
    }

    private Uni<InvitationResponse> doInvite(Caller caller, UUID orgId, InviteRequest request) {
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return access.lock(orgId).chain(org -> access.admin(orgId, caller).chain(me -> {
            String adminDomain = domain(me.email);
            if (org.sameDomainOnly && !domain(email).equals(adminDomain)) {
                throw TeamProblems.domainMismatch(adminDomain);
            }
            return members.findByEmail(orgId, email)
                    .invoke(existing -> {
                        if (existing != null) {
                            throw TeamProblems.alreadyMember();
                        }
                    })
                    .chain(() -> invitations.findPending(orgId, email))
                    .chain(previous -> supersedeExpired(previous, now))
                    .chain(() -> orgService.seatsInUse(orgId))
                    .chain(used -> {
                        PlanTerms terms = config.terms(org.plan).orElseThrow();
                        if (used + 1 > terms.memberLimit()) {
                            throw TeamProblems.memberLimitReached(org.plan, terms.memberLimit(), used + 1);
                        }
                        Invitation invitation = new Invitation();
                        invitation.id = UUID.randomUUID();
                        invitation.orgId = orgId;
                        invitation.email = email;
                        invitation.role = request.role();
                        invitation.poolAccess = Boolean.TRUE.equals(request.poolAccess());
                        invitation.invitedBy = caller.subject();
                        invitation.status = Status.PENDING;
                        invitation.createdAt = now;
                        invitation.expiresAt = now.plus(config.invitations().ttl());
                        return invitations.persist(invitation).map(i -> view(i, org, now));
                    });
        }));
    }

    /** A pending invitation past its expiry is marked EXPIRED so the email can be invited again. */
    private Uni<Void> supersedeExpired(Invitation previous, Instant now) {
        if (previous == null) {
            return Uni.createFrom().voidItem();
        }
        if (previous.statusAt(now) == Status.PENDING) {
            throw TeamProblems.invitationExists();
        }
        previous.status = Status.EXPIRED;
        previous.resolvedAt = now;
        // Flush now: Hibernate would otherwise insert the new PENDING row before this update.
        return invitations.flush();
    }

    @WithSession
    public Uni<List<InvitationResponse>> list(Caller caller, UUID orgId) {
        Instant now = Instant.now();
        return access.admin(orgId, caller).chain(me -> orgs.findById(orgId)
                .chain(org -> invitations.listByOrg(orgId).map(all -> all.stream().map(i -> view(i, org, now)).toList())));
    }

    /** Revokes a pending invitation, freeing its seat. */
    @WithTransaction
    public Uni<InvitationResponse> revoke(Caller caller, UUID orgId, UUID invitationId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return access.lock(orgId).chain(org -> access.admin(orgId, caller)
                .chain(() -> invitations.findById(invitationId))
                .map(invitation -> {
                    if (invitation == null || !invitation.orgId.equals(orgId)) {
                        throw TeamProblems.invitationNotFound();
                    }
                    Status status = invitation.statusAt(now);
                    if (status != Status.PENDING) {
                        throw TeamProblems.invitationNotPending(status);
                    }
                    invitation.status = Status.REVOKED;
                    invitation.resolvedBy = caller.subject();
                    invitation.resolvedAt = now;
                    return view(invitation, org, now);
                }));
    }

    /** The invitee joins with the invited role; their token's email must be the invited one. */
    @WithTransaction
    public Uni<Outcome<MemberResponse>> accept(Caller caller, String idempotencyKey, UUID invitationId) {
        return idempotency.once(caller.subject(), idempotencyKey, List.of("accept", invitationId),
                MemberResponse.class, () -> doAccept(caller, invitationId));
    }

    private Uni<MemberResponse> doAccept(Caller caller, UUID invitationId) {
        if (!caller.hasEmail()) {
            throw TeamProblems.userTokenRequired();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Lock the org before reading the invitation, so a concurrent revoke or accept is seen.
        return invitations.orgOf(invitationId).onItem().ifNull().failWith(TeamProblems::invitationNotFound)
                .chain(access::lock)
                .chain(org -> invitations.findById(invitationId).chain(invitation -> {
                    if (!invitation.email.equals(caller.email())) {
                        throw TeamProblems.invitationEmailMismatch();
                    }
                    return join(caller, invitation, org, now);
                }));
    }

    private Uni<MemberResponse> join(Caller caller, Invitation invitation, Org org, Instant now) {
        Status status = invitation.statusAt(now);
        if (status != Status.PENDING) {
            throw TeamProblems.invitationNotPending(status);
        }
        return members.find(org.id, caller.subject()).chain(existing -> {
            if (existing != null) {
                throw TeamProblems.alreadyMember();
            }
            return members.countByOrg(org.id);
        }).chain(count -> {
            PlanTerms terms = config.terms(org.plan).orElseThrow();
            if (count + 1 > terms.memberLimit()) {
                throw TeamProblems.memberLimitReached(org.plan, terms.memberLimit(), count + 1);
            }
            Member member = new Member();
            member.id = UUID.randomUUID();
            member.orgId = org.id;
            member.userId = caller.subject();
            member.email = caller.email();
            member.displayName = caller.displayName();
            member.role = invitation.role;
            member.poolAccess = invitation.poolAccess;
            member.joinedAt = now;
            invitation.status = Status.ACCEPTED;
            invitation.resolvedBy = caller.subject();
            invitation.resolvedAt = now;
            return members.persist(member)
                    .chain(() -> events.publish(new MemberJoined(org.id, member.userId, member.email,
                            member.displayName, member.role, member.poolAccess, member.poolCap, member.joinedAt,
                            invitation.id)))
                    .replaceWith(() -> MembershipService.view(member, true));
        });
    }

    /** Open invitations addressed to the caller's email, across orgs. */
    @WithSession
    public Uni<List<InvitationResponse>> mine(Caller caller) {
        if (!caller.hasEmail()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = Instant.now();
        return invitations.listOpenForEmail(caller.email(), now).chain(open -> {
            if (open.isEmpty()) {
                return Uni.createFrom().item(List.<InvitationResponse>of());
            }
            return orgs.list("id in ?1", open.stream().map(i -> i.orgId).distinct().toList()).map(found -> {
                Map<UUID, Org> byId = found.stream().collect(Collectors.toMap(o -> o.id, Function.identity()));
                return open.stream().map(i -> view(i, byId.get(i.orgId), now)).toList();
            });
        });
    }

    private static String domain(String email) {
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static InvitationResponse view(Invitation i, Org org, Instant now) {
        return new InvitationResponse(i.id, i.orgId, org == null ? null : org.name, i.email, i.role, i.poolAccess,
                i.statusAt(now), i.invitedBy, i.createdAt, i.expiresAt);
    }
}
