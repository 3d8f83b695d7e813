package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.AutoTopUpPolicy;
import dev.teamcredits.ledger.domain.BillingCycle;
import dev.teamcredits.ledger.domain.CycleClosing;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.ledger.repository.Db;
import dev.teamcredits.ledger.repository.LedgerRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import dev.teamcredits.ledger.repository.RecurringAllocationRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Closes billing cycles ({@link CycleClosing}): rolls over or expires what ends, grants the next
 * allocation, applies recurring allocations and starts the next cycle. Exactly once per org and
 * cycle: the org's row is locked and the cycle start must still be the one being closed, so two
 * replicas, a retry or a restart cannot close a cycle twice.
 */
@ApplicationScoped
public class CycleService {

    private static final Logger LOG = Logger.getLogger(CycleService.class);

    private final Db reads;
    private final LedgerTransactions transactions;
    private final LedgerRepository accounts;
    private final ProjectionRepository projection;
    private final RecurringAllocationRepository recurring;
    private final IdempotentOperations idempotent;
    private final LedgerAccess access;

    public CycleService(Pool pool, LedgerTransactions transactions, LedgerRepository accounts,
            ProjectionRepository projection, RecurringAllocationRepository recurring, IdempotentOperations idempotent,
            LedgerAccess access) {
        this.reads = () -> pool;
        this.transactions = transactions;
        this.accounts = accounts;
        this.projection = projection;
        this.recurring = recurring;
        this.idempotent = idempotent;
        this.access = access;
    }

    /** Operator endpoint: closes the org's current cycle now (or the named one, if still current). */
    public Uni<Outcome<CycleClose>> closeNow(Caller caller, String key, UUID orgId, LocalDate expectedStart) {
        access.requireOperator(caller, "Closing a cycle by hand");
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("close-cycle", orgId,
                String.valueOf(expectedStart)), CycleClose.class,
                () -> projection.lockOrg(tx, orgId).onItem().ifNull().failWith(LedgerProblems::orgNotFound)
                        .chain(org -> {
                            if (expectedStart != null && !expectedStart.equals(org.cycleStart())) {
                                throw new ProblemException(new Problem("cycle-already-closed", "Cycle already closed",
                                        409, "The cycle starting " + expectedStart + " is not the current one ("
                                                + org.cycleStart() + ").").with("currentCycleStart", org.cycleStart()));
                            }
                            return close(tx, org);
                        })));
    }

    /** Closes every cycle whose end has come; each org in its own transaction. */
    @Scheduled(every = "${ledger.cycles.check-interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeDue() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return projection.orgsDue(reads, today, 100)
                .chain(orgs -> Multi.createFrom().iterable(orgs)
                        .onItem().transformToUniAndConcatenate(orgId -> transactions.transaction(tx -> projection
                                .lockOrg(tx, orgId)
                                .chain(org -> org == null || org.cycleEnd().isAfter(today)
                                        ? Uni.createFrom().nullItem() : close(tx, org))))
                        .collect().asList())
                .onFailure().invoke(e -> LOG.warnf("Closing due cycles will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Closes {@code org}'s current cycle in the caller's transaction (its org row is locked): locks every
     * account of the org at once, rolls over or expires what ends, grants the next allocation, applies
     * recurring allocations, and moves the cycle.
     */
    private Uni<CycleClose> close(LedgerTransaction tx, OrgRow org) {
        UUID orgId = org.orgId();
        LocalDate nextStart = org.cycleEnd();
        LocalDate nextEnd = BillingCycle.end(org.cycleAnchor(), nextStart);
        Instant boundary = BillingCycle.boundary(nextStart);
        Instant nextBoundary = BillingCycle.boundary(nextEnd);
        // First, so that a consumer counts what enters the pool from here on (rollover, the new
        // allocation, recurring transfers) in the new cycle.
        tx.postings.emit(new CycleClosed(orgId, org.cycleStart(), nextStart, nextEnd, org.monthlyAllocation(), tx.now()));
        return recurring.forOrg(tx, orgId).chain(allocations -> accounts.ofOrg(tx, orgId)
                .chain(existing -> {
                    Set<AccountKey> keys = new LinkedHashSet<>(existing);
                    keys.add(AccountKey.pool(orgId));
                    allocations.forEach(a -> keys.add(AccountKey.member(orgId, a.userId())));
                    return transactions.lock(tx, keys);
                })
                .map(v -> {
                    Account pool = tx.account(AccountKey.pool(orgId));
                    long rolledInPool = 0;
                    List<Account> orgAccounts = tx.accounts().stream().filter(a -> orgId.equals(a.orgId))
                            .sorted(Comparator.comparing(a -> a.ref)).toList();
                    for (Account account : orgAccounts) {
                        long rolled = org.rollover() ? CycleClosing.rollOver(tx.postings, account, boundary, nextBoundary)
                                : 0;
                        rolledInPool += account == pool ? rolled : 0;
                        CycleClosing.expire(tx.postings, account, boundary);
                        CycleClosing.startCycle(account, boundary, tx.now());
                        AutoTopUpPolicy.newCycle(account, nextStart);
                    }
                    pool.cycleIn = rolledInPool;
                    if (org.monthlyAllocation() > 0) {
                        tx.postings.grant(pool, org.monthlyAllocation(), LotKind.SUBSCRIPTION, nextBoundary,
                                "SUBSCRIPTION", "system");
                    }
                    allocations.forEach(a -> CycleClosing.allocate(tx.postings, pool,
                            tx.account(AccountKey.member(orgId, a.userId())), a.allocationMode(), a.amount()));
                    transactions.endStep(tx);
                    return pool;
                })
                .chain(pool -> projection.moveCycle(tx, orgId, nextStart, nextEnd)
                        .map(v -> new CycleClose(orgId, org.cycleStart(), nextStart, nextEnd, org.monthlyAllocation(),
                                pool.view()))));
    }
}
