package dev.teamcredits.ledger.service;

import dev.teamcredits.common.messaging.ConsumedEvents;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.PlanChanged;
import dev.teamcredits.events.team.PoolAccessChanged;
import dev.teamcredits.events.team.PoolCapChanged;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.events.team.SettingsChanged;
import dev.teamcredits.events.team.TeamEvent;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.BillingCycle;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.ledger.domain.MemberDeparture;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Applies team.events to the ledger's own view of orgs and members, each event exactly once: its id
 * is recorded in the same transaction as its effect. A new org gets its first subscription
 * allocation; a member's first join opens their personal balance; a departing member's holds are
 * released and their balance swept back to the pool ({@link MemberDeparture}).
 */
@ApplicationScoped
public class TeamEventsProjection {

    private final LedgerTransactions transactions;
    private final ProjectionRepository projection;
    private final ReservationService reservations;

    public TeamEventsProjection(LedgerTransactions transactions, ProjectionRepository projection,
            ReservationService reservations) {
        this.transactions = transactions;
        this.projection = projection;
        this.reservations = reservations;
    }

    public Uni<Void> apply(String eventId, TeamEvent event) {
        return transactions.transaction(tx -> ConsumedEvents.markProcessed(tx.sql(), eventId, Topics.TEAM)
                .chain(fresh -> fresh ? handle(tx, event) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> handle(LedgerTransaction tx, TeamEvent event) {
        if (event instanceof OrgCreated e) {
            LocalDate end = BillingCycle.end(e.cycleAnchor(), e.cycleAnchor());
            AccountKey pool = AccountKey.pool(e.orgId());
            return projection.insertOrg(tx, e, end).chain(() -> e.terms().monthlyAllocation() == 0
                    ? Uni.createFrom().voidItem()
                    : transactions.lock(tx, List.of(pool)).invoke(() -> tx.postings.grant(tx.account(pool),
                            e.terms().monthlyAllocation(), LotKind.SUBSCRIPTION, BillingCycle.boundary(end),
                            "SUBSCRIPTION", "system")));
        }
        if (event instanceof PlanChanged e) {
            return projection.updatePlan(tx, e.orgId(), e.to().name(), e.terms().monthlyAllocation(),
                    e.terms().rollover());
        }
        if (event instanceof SettingsChanged e) {
            return projection.updateFallback(tx, e.orgId(), e.settings().personalFallback());
        }
        if (event instanceof MemberJoined e) {
            // The first time the ledger meets a user, their personal balance opens (with free credits).
            return projection.upsertMember(tx, e).chain(() -> transactions.openPersonal(tx, e.userId()))
                    .replaceWithVoid();
        }
        if (event instanceof MemberRemoved e) {
            return projection.updateMember(tx, e.orgId(), e.userId(), "active", false)
                    .chain(() -> leave(tx, e.orgId(), e.userId()));
        }
        if (event instanceof RoleChanged e) {
            return projection.updateMember(tx, e.orgId(), e.userId(), "role", e.to().name());
        }
        if (event instanceof PoolAccessChanged e) {
            return projection.updateMember(tx, e.orgId(), e.userId(), "pool_access", e.poolAccess());
        }
        if (event instanceof PoolCapChanged e) {
            return projection.updateMember(tx, e.orgId(), e.userId(), "pool_cap", e.poolCap());
        }
        throw new IllegalArgumentException("Unhandled team event " + event.getClass());
    }

    /**
     * A member leaves, in one step: their settings end, their open holds are released, their whole
     * balance goes back to the pool. Locked in one round: the member's reservations, then the accounts.
     */
    private Uni<Void> leave(LedgerTransaction tx, UUID orgId, String userId) {
        AccountKey member = AccountKey.member(orgId, userId);
        AccountKey pool = AccountKey.pool(orgId);
        return reservations.lockAllOf(tx, orgId, userId, List.of(member, pool))
                .invoke(() -> MemberDeparture.endSettings(tx.account(member)))
                .invoke(held -> {
                    reservations.releaseAllLocked(tx, held, false);
                    MemberDeparture.sweep(tx.postings, tx.account(member), tx.account(pool));
                    transactions.endStep(tx);
                })
                .chain(() -> projection.endMemberSettings(tx, orgId, userId, tx.account(member).id));
    }
}
