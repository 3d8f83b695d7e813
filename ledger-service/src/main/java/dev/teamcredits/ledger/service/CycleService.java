package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Idempotency.Outcome;
import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsRolledOver;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.Lot;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.ledger.repository.LedgerRepository.AccountSpec;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import dev.teamcredits.ledger.repository.RecurringAllocationRepository;
import dev.teamcredits.ledger.rest.dto.CycleCloseResponse;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Closes billing cycles: expires (or, on rollover plans, rolls over once) subscription credits,
 * grants the next allocation, applies recurring allocations and starts the next cycle. Exactly
 * once per org and cycle: the org's row is locked and the cycle start must still be the one
 * being closed, so two replicas, a retry or a restart cannot close a cycle twice.
 */
@ApplicationScoped
public class CycleService {

    private static final Logger LOG = Logger.getLogger(CycleService.class);

    private final Ledger ledger;
    private final ProjectionRepository projection;
    private final RecurringAllocationRepository recurring;
    private final IdempotentOperations idempotent;
    private final LedgerConfig config;

    public CycleService(Ledger ledger, ProjectionRepository projection,
            RecurringAllocationRepository recurring, IdempotentOperations idempotent, LedgerConfig config) {
        this.ledger = ledger;
        this.projection = projection;
        this.recurring = recurring;
        this.idempotent = idempotent;
        this.config = config;
    }

    /** Operator endpoint: closes the org's current cycle now (or the named one, if still current). */
    public Uni<Outcome<CycleCloseResponse>> closeNow(Caller caller, String key, UUID orgId, LocalDate expectedStart) {
        if (!config.operatorClients().contains(String.valueOf(caller.clientId()))) {
            throw LedgerProblems.operatorRequired("Closing a cycle by hand");
        }
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("close-cycle", orgId,
                String.valueOf(expectedStart)), CycleCloseResponse.class,
                () -> projection.lockOrg(uow.connection, orgId).onItem().ifNull().failWith(LedgerProblems::orgNotFound)
                        .chain(org -> {
                            if (expectedStart != null && !expectedStart.equals(org.cycleStart())) {
                                throw new ProblemException(new Problem("cycle-already-closed", "Cycle already closed",
                                        409, "The cycle starting " + expectedStart + " is not the current one ("
                                                + org.cycleStart() + ").").with("currentCycleStart", org.cycleStart()));
                            }
                            return close(uow, org);
                        })));
    }

    /** Closes every cycle whose end has come; each org in its own transaction. */
    @Scheduled(every = "${ledger.cycles.check-interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeDue() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return ledger.transaction(uow -> projection.orgsDue(uow.connection, today, 100))
                .chain(orgs -> Multi.createFrom().iterable(orgs)
                        .onItem().transformToUniAndConcatenate(orgId -> ledger.transaction(uow -> projection
                                .lockOrg(uow.connection, orgId)
                                .chain(org -> org == null || org.cycleEnd().isAfter(today)
                                        ? Uni.createFrom().nullItem() : close(uow, org))))
                        .collect().asList())
                .onFailure().invoke(e -> LOG.warnf("Closing due cycles will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<CycleCloseResponse> close(UnitOfWork uow, OrgRow org) {
        UUID orgId = org.orgId();
        LocalDate nextStart = org.cycleEnd();
        LocalDate nextEnd = Cycles.end(org.cycleAnchor(), nextStart);
        Instant boundary = nextStart.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant nextBoundary = nextEnd.atStartOfDay().toInstant(ZoneOffset.UTC);
        // First, so that a consumer counts what enters the pool from here on (rollover, the new
        // allocation, recurring transfers) in the new cycle.
        uow.emit(new CycleClosed(orgId, org.cycleStart(), nextStart, nextEnd, org.monthlyAllocation(), uow.now));
        return projection.members(uow.connection, orgId).chain(members -> {
            List<AccountSpec> specs = new ArrayList<>(List.of(Accounts.pool(orgId)));
            members.forEach(m -> specs.add(Accounts.member(orgId, m.userId())));
            return ledger.lock(uow, specs).map(v -> members);
        }).chain(members -> {
            long expired = 0;
            long rolled = 0;
            for (Account account : new ArrayList<>(uow.accounts.values())) {
                if (!orgId.equals(account.orgId)) {
                    continue;
                }
                long[] result = expireOrRoll(uow, account, boundary, nextBoundary, org.rollover());
                expired += result[0];
                rolled += result[1];
            }
            Account pool = uow.account(Account.poolRef(orgId));
            if (org.monthlyAllocation() > 0) {
                ledger.grant(uow, pool, org.monthlyAllocation(), LotKind.SUBSCRIPTION, nextBoundary, "SUBSCRIPTION",
                        "system");
            }
            return recurring.forOrg(uow.connection, orgId).map(allocations -> {
                allocations.forEach(a -> allocate(uow, orgId, pool, a));
                return members;
            }).chain(() -> projection.moveCycle(uow.connection, orgId, nextStart, nextEnd))
                    .chain(() -> uow.connection.preparedQuery("UPDATE auto_top_up SET fired = 0, cycle_start = $2 "
                            + "WHERE account_id IN (SELECT id FROM account WHERE org_id = $1)")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(orgId, nextStart)))
                    .map(v -> {
                return new CycleCloseResponse(orgId, org.cycleStart(), nextStart, nextEnd, org.monthlyAllocation(),
                        pool.view());
            });
        });
    }

    /**
     * Expires the account's lots that end by {@code boundary}, keeping what open reservations need;
     * on a rollover plan, unused SUBSCRIPTION credits become one ROLLOVER lot ending at
     * {@code nextBoundary} instead (a ROLLOVER lot never rolls again). Returns {expired, rolled}.
     */
    private long[] expireOrRoll(UnitOfWork uow, Account account, Instant boundary, Instant nextBoundary,
            boolean rollover) {
        List<Lot> ending = account.lots.stream()
                .filter(l -> l.expiresAt != null && !l.expiresAt.isAfter(boundary)).toList();
        long endingTotal = ending.stream().mapToLong(l -> l.remaining).sum();
        if (endingTotal == 0) {
            return new long[] { 0, 0 };
        }
        // Credits backing open reservations stay until the reservation is captured or released.
        long keep = Math.max(0, account.reserved - (account.balance - endingTotal));
        long rolled = 0;
        long expired = 0;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("account", account.asRef());
        UnitOfWork.Tx expiry = null;
        UnitOfWork.Tx roll = null;
        List<UnitOfWork.Portion> toRoll = new ArrayList<>();
        for (Lot lot : ending) {
            long kept = Math.min(keep, lot.remaining);
            keep -= kept;
            long amount = lot.remaining - kept;
            if (amount == 0) {
                continue;
            }
            if (rollover && lot.kind == LotKind.SUBSCRIPTION) {
                roll = roll != null ? roll : uow.begin("ROLLOVER", account.orgId, 0, "system", "rollover", null, details);
                toRoll.add(new UnitOfWork.Portion(lot, amount));
                rolled += amount;
            } else {
                expiry = expiry != null ? expiry : uow.begin("EXPIRY", account.orgId, 0, "system", "expired", null, details);
                uow.expire(expiry, account, lot, amount);
                expired += amount;
            }
        }
        if (rolled > 0) {
            uow.rollOver(roll, account, toRoll, nextBoundary);
            uow.emit(new CreditsRolledOver(account.orgId, roll.id(), account.asRef(), rolled, nextBoundary, uow.now));
        }
        if (expired > 0) {
            uow.emit(new CreditsExpired(account.orgId, expiry.id(), account.asRef(), expired, "SUBSCRIPTION/ROLLOVER",
                    account.view(), uow.now));
        }
        uow.setAmount(roll, rolled);
        uow.setAmount(expiry, expired);
        return new long[] { expired, rolled };
    }

    /** Recurring allocation: from the pool, as far as the pool's available credits go. */
    private void allocate(UnitOfWork uow, UUID orgId, Account pool, RecurringAllocationRepository.Allocation a) {
        Account member = uow.accounts.get(Account.memberRef(orgId, a.userId()));
        if (member == null) {
            return;
        }
        long wanted = "TOP_UP_TO".equals(a.mode()) ? Math.max(0, a.amount() - member.available()) : a.amount();
        long amount = Math.min(wanted, pool.available());
        if (amount <= 0) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", pool.asRef());
        details.put("to", member.asRef());
        UnitOfWork.Tx tx = uow.begin("TRANSFER", orgId, amount, "system", "recurring allocation", null, details);
        uow.deposit(tx, member, uow.draw(tx, pool, amount, false));
        uow.emit(new dev.teamcredits.events.ledger.TransferCompleted(orgId, tx.id(), pool.asRef(), member.asRef(), amount,
                "recurring allocation", "system", "Team Credits", null, pool.view(), member.view(), uow.now));
    }
}
