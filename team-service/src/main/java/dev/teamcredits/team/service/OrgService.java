package dev.teamcredits.team.service;

import dev.teamcredits.common.idempotency.Idempotency;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanChanged;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.SettingsChanged;
import dev.teamcredits.team.config.TeamConfig;
import dev.teamcredits.team.domain.OrgFounding;
import dev.teamcredits.team.domain.Seats;
import dev.teamcredits.team.domain.SettingsUpdate;
import dev.teamcredits.team.domain.TeamPlans;
import dev.teamcredits.team.messaging.TeamEventPublisher;
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

/** Organizations: creation, plans and settings. */
@ApplicationScoped
public class OrgService {

    /** A new org: its name and plan, as the caller asked (the idempotency key's request). */
    public record CreateOrgCommand(String name, Plan plan) {
    }

    private final OrgRepository orgs;
    private final MemberRepository members;
    private final SeatRepository seats;
    private final OrgAccess access;
    private final TeamEventPublisher events;
    private final TeamPlans plans;
    private final TeamConfig config;
    private final Idempotency idempotency;

    public OrgService(OrgRepository orgs, MemberRepository members, SeatRepository seats, OrgAccess access,
            TeamEventPublisher events, TeamPlans plans, TeamConfig config, Idempotency idempotency) {
        this.orgs = orgs;
        this.members = members;
        this.seats = seats;
        this.access = access;
        this.events = events;
        this.plans = plans;
        this.config = config;
        this.idempotency = idempotency;
    }

    /** Creates an org on a team plan; the caller becomes its first admin ({@link OrgFounding}). */
    @WithTransaction
    public Uni<Outcome<OrgView>> create(Caller caller, String idempotencyKey, CreateOrgCommand command) {
        return idempotency.once(caller.subject(), idempotencyKey, List.of("create-org", command), OrgView.class,
                () -> doCreate(caller, command));
    }

    private Uni<OrgView> doCreate(Caller caller, CreateOrgCommand command) {
        if (!caller.hasEmail()) {
            throw TeamProblems.userTokenRequired();
        }
        PlanTerms terms = teamTerms(command.plan());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OrgEntity org = new OrgEntity();
        org.id = UUID.randomUUID();
        org.name = command.name().strip();
        org.plan = command.plan();
        org.setSettings(new OrgSettings(config.defaults().personalFallback(), config.defaults().sameDomainOnly()));
        org.cycleAnchor = OrgFounding.cycleAnchor(now);
        org.createdBy = caller.subject();
        org.createdAt = now;
        MemberEntity admin = MemberEntity.joining(org.id, caller.subject(), caller.email(), caller.displayName(),
                OrgFounding.CREATOR_ROLE, OrgFounding.CREATOR_POOL_ACCESS, now);
        return orgs.persist(org)
                .chain(() -> members.persist(admin))
                .chain(() -> events.publish(new OrgCreated(org.id, org.name, org.plan, terms, org.settings(),
                        org.cycleAnchor, org.createdBy, org.createdAt)))
                .chain(() -> events.publish(admin.joinedEvent(null)))
                .replaceWith(() -> OrgView.seenBy(admin, org, terms, 1));
    }

    @WithSession
    public Uni<OrgView> get(Caller caller, UUID orgId) {
        return access.member(orgId, caller).chain(me -> orgs.findById(orgId).chain(org -> view(org, me)));
    }

    /**
     * Changes the plan: BASIC is refused ({@link TeamPlans}), and so is a plan whose member limit is
     * below the seats in use now ({@link Seats}). The same plan changes and publishes nothing.
     */
    @WithTransaction
    public Uni<OrgView> changePlan(Caller caller, UUID orgId, Plan plan) {
        return access.lock(orgId).chain(org -> access.admin(orgId, caller).chain(me -> {
            PlanTerms terms = teamTerms(plan);
            return seats.seats(orgId, Instant.now()).chain(inUse -> {
                if (org.plan == plan) {
                    return view(org, me);
                }
                Seats.Check check = inUse.toChangePlan(terms.memberLimit());
                if (!check.fits()) {
                    throw TeamProblems.memberLimitReached(plan, check);
                }
                Plan from = org.plan;
                org.plan = plan;
                return events.publish(new PlanChanged(orgId, from, plan, terms, caller.subject()))
                        .chain(() -> view(org, me));
            });
        }));
    }

    /** Changes the settings the update names; an unchanged value publishes nothing. */
    @WithTransaction
    public Uni<OrgView> updateSettings(Caller caller, UUID orgId, SettingsUpdate update) {
        return access.lock(orgId).chain(org -> access.admin(orgId, caller).chain(me -> {
            OrgSettings before = org.settings();
            OrgSettings after = update.applyTo(before);
            if (after.equals(before)) {
                return view(org, me);
            }
            org.setSettings(after);
            return events.publish(new SettingsChanged(orgId, after, caller.subject())).chain(() -> view(org, me));
        }));
    }

    /**
     * A page of the caller's orgs, for an account switcher, oldest membership first; {@code cursor} is a previous
     * page's {@code nextCursor}.
     */
    @WithSession
    public Uni<Page<MyOrg>> myOrgs(Caller caller, String cursor, int limit) {
        String scope = Page.Of.MY_ORGS.scope(caller.subject());
        long after = Page.position(scope, cursor, 0);
        return members.pageByUser(caller.subject(), after, limit + 1).chain(memberships -> orgs
                .byId(memberships.stream().map(m -> m.orgId).toList())
                .map(byId -> Page.of(scope, memberships, limit, m -> m.seq, m -> {
                    OrgEntity org = byId.get(m.orgId);
                    return new MyOrg(org.id, org.name, org.plan, m.role);
                })));
    }

    /** The terms of a plan an org may be on; 422 for one it may not (BASIC). */
    private PlanTerms teamTerms(Plan plan) {
        return plans.terms(plan).orElseThrow(() -> TeamProblems.teamPlanRequired(plan));
    }

    private Uni<OrgView> view(OrgEntity org, MemberEntity me) {
        return members.countByOrg(org.id)
                .map(count -> OrgView.seenBy(me, org, plans.terms(org.plan).orElse(null), count));
    }
}
