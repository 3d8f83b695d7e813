package dev.teamcredits.team.service;

import dev.teamcredits.common.idempotency.Idempotency;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanChanged;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.events.team.SettingsChanged;
import dev.teamcredits.team.config.TeamConfig;
import dev.teamcredits.team.domain.Member;
import dev.teamcredits.team.domain.Org;
import dev.teamcredits.team.messaging.TeamEventPublisher;
import dev.teamcredits.team.repository.InvitationRepository;
import dev.teamcredits.team.repository.MemberRepository;
import dev.teamcredits.team.repository.OrgRepository;
import dev.teamcredits.team.rest.dto.CreateOrgRequest;
import dev.teamcredits.team.rest.dto.MyOrgResponse;
import dev.teamcredits.team.rest.dto.OrgResponse;
import dev.teamcredits.team.rest.dto.SettingsRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Organizations: creation, plans and settings. */
@ApplicationScoped
public class OrgService {

    private final OrgRepository orgs;
    private final MemberRepository members;
    private final InvitationRepository invitations;
    private final OrgAccess access;
    private final TeamEventPublisher events;
    private final TeamConfig config;
    private final Idempotency idempotency;

    public OrgService(OrgRepository orgs, MemberRepository members, InvitationRepository invitations,
            OrgAccess access, TeamEventPublisher events, TeamConfig config, Idempotency idempotency) {
        this.orgs = orgs;
        this.members = members;
        this.invitations = invitations;
        this.access = access;
        this.events = events;
        this.config = config;
        this.idempotency = idempotency;
    }

    /** Creates an org on a team plan; the caller becomes its first admin, with pool access. */
    @WithTransaction
    public Uni<Outcome<OrgResponse>> create(Caller caller, String idempotencyKey, CreateOrgRequest request) {
        return idempotency.once(caller.subject(), idempotencyKey, List.of("create-org", request), OrgResponse.class,
                () -> doCreate(caller, request));
    }

    private Uni<OrgResponse> doCreate(Caller caller, CreateOrgRequest request) {
        if (!caller.hasEmail()) {
            throw TeamProblems.userTokenRequired();
        }
        PlanTerms terms = config.terms(request.plan()).orElseThrow(() -> TeamProblems.teamPlanRequired(request.plan()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Org org = new Org();
        org.id = UUID.randomUUID();
        org.name = request.name().strip();
        org.plan = request.plan();
        org.personalFallback = config.defaults().personalFallback();
        org.sameDomainOnly = config.defaults().sameDomainOnly();
        org.cycleAnchor = LocalDate.ofInstant(now, ZoneOffset.UTC);
        org.createdBy = caller.subject();
        org.createdAt = now;
        Member admin = new Member();
        admin.id = UUID.randomUUID();
        admin.orgId = org.id;
        admin.userId = caller.subject();
        admin.email = caller.email();
        admin.displayName = caller.displayName();
        admin.role = Role.ADMIN;
        admin.poolAccess = true;
        admin.joinedAt = now;
        return orgs.persist(org)
                .chain(() -> members.persist(admin))
                .chain(() -> events.publish(new OrgCreated(org.id, org.name, org.plan, terms, org.settings(),
                        org.cycleAnchor, org.createdBy, org.createdAt)))
                .chain(() -> events.publish(new MemberJoined(org.id, admin.userId, admin.email, admin.displayName,
                        admin.role, admin.poolAccess, admin.poolCap, admin.joinedAt, null)))
                .replaceWith(() -> view(org, admin, 1));
    }

    @WithSession
    public Uni<OrgResponse> get(Caller caller, UUID orgId) {
        return access.member(orgId, caller).chain(me -> orgs.findById(orgId)
                .chain(org -> members.countByOrg(orgId).map(count -> view(org, me, count))));
    }

    /**
     * Changes the plan. BASIC is refused (it has no team accounts), and so is a plan whose member
     * limit is below the members plus pending invitations the org has now.
     */
    @WithTransaction
    public Uni<OrgResponse> changePlan(Caller caller, UUID orgId, Plan plan) {
        return access.lock(orgId).chain(org -> access.admin(orgId, caller).chain(me -> {
            PlanTerms terms = config.terms(plan).orElseThrow(() -> TeamProblems.teamPlanRequired(plan));
            return seatsInUse(orgId).chain(used -> {
                if (org.plan == plan) {
                    return members.countByOrg(orgId).map(count -> view(org, me, count));
                }
                if (used > terms.memberLimit()) {
                    throw TeamProblems.memberLimitReached(plan, terms.memberLimit(), used);
                }
                Plan from = org.plan;
                org.plan = plan;
                return events.publish(new PlanChanged(orgId, from, plan, terms, caller.subject()))
                        .chain(() -> members.countByOrg(orgId)).map(count -> view(org, me, count));
            });
        }));
    }

    /** Changes the settings named in the request; an unchanged value publishes nothing. */
    @WithTransaction
    public Uni<OrgResponse> updateSettings(Caller caller, UUID orgId, SettingsRequest request) {
        return access.lock(orgId).chain(org -> access.admin(orgId, caller).chain(me -> {
            var before = org.settings();
            if (request.personalFallback() != null) {
                org.personalFallback = request.personalFallback();
            }
            if (request.sameDomainOnly() != null) {
                org.sameDomainOnly = request.sameDomainOnly();
            }
            Uni<Void> published = before.equals(org.settings()) ? Uni.createFrom().voidItem()
                    : events.publish(new SettingsChanged(orgId, org.settings(), caller.subject()));
            return published.chain(() -> members.countByOrg(orgId)).map(count -> view(org, me, count));
        }));
    }

    /** The caller's orgs, for an account switcher. */
    @WithSession
    public Uni<List<MyOrgResponse>> myOrgs(Caller caller) {
        return members.listByUser(caller.subject()).chain(memberships -> {
            if (memberships.isEmpty()) {
                return Uni.createFrom().item(List.<MyOrgResponse>of());
            }
            List<UUID> ids = memberships.stream().map(m -> m.orgId).toList();
            return orgs.list("id in ?1", ids).map(found -> {
                Map<UUID, Org> byId = found.stream().collect(Collectors.toMap(o -> o.id, Function.identity()));
                return memberships.stream().map(m -> {
                    Org org = byId.get(m.orgId);
                    return new MyOrgResponse(org.id, org.name, org.plan, m.role);
                }).toList();
            });
        });
    }

    /** Members plus invitations that still hold a seat. */
    Uni<Long> seatsInUse(UUID orgId) {
        return members.countByOrg(orgId).chain(m -> invitations.countOpen(orgId, Instant.now()).map(i -> m + i));
    }

    private OrgResponse view(Org org, Member me, long memberCount) {
        return new OrgResponse(org.id, org.name, org.plan, config.terms(org.plan).orElse(null), org.cycleAnchor,
                org.createdAt, me.role, memberCount, me.isAdmin() ? org.settings() : null);
    }
}
