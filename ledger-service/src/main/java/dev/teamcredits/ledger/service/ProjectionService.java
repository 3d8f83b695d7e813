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
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Applies team.events to the ledger's own view of orgs and members, each event exactly once: its
 * id is recorded in the same transaction as its effect. A new org gets its first subscription
 * allocation; a removed member's balance goes back to the pool.
 */
@ApplicationScoped
public class ProjectionService {

    private final Ledger ledger;
    private final ProjectionRepository projection;
    private final TransferService transfers;
    private final ReservationService reservations;

    public ProjectionService(Ledger ledger, ProjectionRepository projection, TransferService transfers, ReservationService reservations) {
        this.ledger = ledger;
        this.projection = projection;
        this.transfers = transfers;
        this.reservations = reservations;
    }

    public Uni<Void> apply(String eventId, TeamEvent event) {
        return ledger.transaction(uow -> ConsumedEvents.markProcessed(uow.connection, eventId, Topics.TEAM)
                .chain(fresh -> fresh ? handle(uow, event) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> handle(UnitOfWork uow, TeamEvent event) {
        var c = uow.connection;
        if (event instanceof OrgCreated e) {
            LocalDate end = Cycles.end(e.cycleAnchor(), e.cycleAnchor());
            return projection.insertOrg(c, e, end).chain(() -> e.terms().monthlyAllocation() == 0
                    ? Uni.createFrom().voidItem()
                    : ledger.lock(uow, List.of(Accounts.pool(e.orgId()))).invoke(() -> ledger.grant(uow,
                            uow.account(Account.poolRef(e.orgId())), e.terms().monthlyAllocation(), LotKind.SUBSCRIPTION,
                            end.atStartOfDay().toInstant(ZoneOffset.UTC), "SUBSCRIPTION", "system")));
        }
        if (event instanceof PlanChanged e) {
            return projection.updatePlan(c, e.orgId(), e.to().name(), e.terms().monthlyAllocation(), e.terms().rollover());
        }
        if (event instanceof SettingsChanged e) {
            return projection.updateFallback(c, e.orgId(), e.settings().personalFallback());
        }
        if (event instanceof MemberJoined e) {
            // The first time the ledger meets a user, their personal balance opens (with free credits).
            return projection.upsertMember(c, e).chain(() -> ledger.openPersonal(uow, e.userId())).replaceWithVoid();
        }
        if (event instanceof MemberRemoved e) {
            return projection.updateMember(c, e.orgId(), e.userId(), "active", false)
                    .chain(() -> leave(uow, e.orgId(), e.userId()));
        }
        if (event instanceof RoleChanged e) {
            return projection.updateMember(c, e.orgId(), e.userId(), "role", e.to().name());
        }
        if (event instanceof PoolAccessChanged e) {
            return projection.updateMember(c, e.orgId(), e.userId(), "pool_access", e.poolAccess());
        }
        if (event instanceof PoolCapChanged e) {
            return projection.updateMember(c, e.orgId(), e.userId(), "pool_cap", e.poolCap());
        }
        throw new IllegalArgumentException("Unhandled team event " + event.getClass());
    }

    /**
     * A member leaves: their open holds are released, then their whole balance is swept back to the
     * pool, and their auto top-up and recurring allocation end with the membership. Everything is
     * locked in one round: the member's reservations, then the accounts.
     */
    private Uni<Void> leave(UnitOfWork uow, java.util.UUID orgId, String userId) {
        return reservations.lockAllOf(uow, orgId, userId, List.of(Accounts.member(orgId, userId), Accounts.pool(orgId)))
                .invoke(() -> uow.account(Account.memberRef(orgId, userId)).autoTopUp = null)
                .chain(held -> io.smallrye.mutiny.Multi.createFrom().iterable(held)
                        .onItem().transformToUniAndConcatenate(r -> reservations.releaseLocked(uow, r, false))
                        .collect().asList())
                .invoke(() -> {
                    transfers.sweepToPool(uow, orgId, userId);
                    ledger.endStep(uow);
                })
                .chain(() -> projection.endMemberSettings(uow.connection, orgId, userId,
                        uow.account(Account.memberRef(orgId, userId)).id));
    }
}
