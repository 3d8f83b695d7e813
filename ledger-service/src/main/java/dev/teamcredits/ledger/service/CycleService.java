package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsRolledOver;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.Lot;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.ledger.repository.LedgerRepository;
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
import java.util.LinkedHashSet;
import java.util.Set;
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
    private final LedgerRepository accounts;
    private final ProjectionRepository projection;
    private final RecurringAllocationRepository recurring;
    private final IdempotentOperations idempotent;
    private final LedgerAccess access;

    public CycleService(Ledger ledger, LedgerRepository accounts, ProjectionRepository projection,
            RecurringAllocationRepository recurring, IdempotentOperations idempotent, LedgerAccess access) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.projection = projection;
        this.recurring = recurring;
        this.idempotent = idempotent;
        this.access = access;
    }

    /** Operator endpoint: closes the org's current cycle now (or the named one, if still current). */
    public Uni<Outcome<CycleCloseResponse>> closeNow(Caller caller, String key, UUID orgId, LocalDate expectedStart) {
        access.requireOperator(caller, "Closing a cycle by hand");
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

    /**
     * Closes {@code org}'s current cycle in the caller's unit of work (its org row is locked): locks
     * every account of the org at once, rolls over or expires what ends, grants the next allocation,
     * applies recurring allocations, and moves the cycle.
     */
    private Uni<CycleCloseResponse> close(UnitOfWork uow, OrgRow org) {
        UUID orgId = org.orgId();
        LocalDate nextStart = org.cycleEnd();
        LocalDate nextEnd = Cycles.end(org.cycleAnchor(), nextStart);
        Instant boundary = nextStart.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant nextBoundary = nextEnd.atStartOfDay().toInstant(ZoneOffset.UTC);
        // First, so that a consumer counts what enters the pool from here on (rollover, the new
        // allocation, recurring transfers) in the new cycle.
        uow.emit(new CycleClosed(orgId, org.cycleStart(), nextStart, nextEnd, org.monthlyAllocation(), uow.now));
        return recurring.forOrg(uow.connection, orgId).chain(allocations -> accounts.ofOrg(uow.connection, orgId)
                .chain(existing -> {
                    Set<AccountSpec> specs = new LinkedHashSet<>(existing);
                    specs.add(Accounts.pool(orgId));
                    allocations.forEach(a -> specs.add(Accounts.member(orgId, a.userId())));
                    return ledger.lock(uow, specs);
                })
                .map(v -> {
                    Account pool = uow.account(Account.poolRef(orgId));
                    long rolledInPool = 0;
                    List<Account> accounts = uow.accounts.values().stream().filter(a -> orgId.equals(a.orgId))
                            .sorted(java.util.Comparator.comparing(a -> a.ref)).toList();
                    for (Account account : accounts) {
                        long rolled = rollOver(uow, account, boundary, nextBoundary, org.rollover());
                        rolledInPool += account == pool ? rolled : 0;
                        expire(uow, account, boundary);
                        // The new cycle starts: its credits are what is valid from now on.
                        account.closedBefore = boundary;
                        account.validAfter = uow.now.isAfter(boundary) ? uow.now : boundary;
                        account.cycleIn = 0;
                        // Written even when nothing was posted to it: its cycle counters start again.
                        account.changed = true;
                        if (account.autoTopUp != null) {
                            account.autoTopUp.fired = 0;
                            account.autoTopUp.cycleStart = nextStart;
                            account.autoTopUp.changed = true;
                        }
                    }
                    pool.cycleIn = rolledInPool;
                    if (org.monthlyAllocation() > 0) {
                        ledger.grant(uow, pool, org.monthlyAllocation(), LotKind.SUBSCRIPTION, nextBoundary,
                                "SUBSCRIPTION", "system");
                    }
                    allocations.forEach(a -> allocate(uow, orgId, pool, a));
                    ledger.endStep(uow);
                    return pool;
                })
                .chain(pool -> projection.moveCycle(uow.connection, orgId, nextStart, nextEnd)
                        .map(v -> new CycleCloseResponse(orgId, org.cycleStart(), nextStart, nextEnd,
                                org.monthlyAllocation(), pool.view()))));
    }

    /**
     * On a rollover plan, the account's SUBSCRIPTION credits of the closing cycle, held or not, become
     * one ROLLOVER lot ending at {@code nextBoundary}. Credits already past expiry (kept by an earlier
     * close for a hold) never roll, and a ROLLOVER lot never rolls again. Returns how many rolled.
     */
    private static long rollOver(UnitOfWork uow, Account account, Instant boundary, Instant nextBoundary,
            boolean rollover) {
        if (!rollover) {
            return 0;
        }
        List<UnitOfWork.Portion> portions = account.lots.stream()
                .filter(l -> l.kind == LotKind.SUBSCRIPTION && l.expiresAt != null && !account.isClosedOver(l)
                        && !l.expiresAt.isAfter(boundary))
                .map(l -> new UnitOfWork.Portion(l, l.remaining)).toList();
        long rolled = portions.stream().mapToLong(UnitOfWork.Portion::amount).sum();
        if (rolled > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("account", account.asRef());
            UnitOfWork.Tx tx = uow.begin("ROLLOVER", account.orgId, rolled, "system", "rollover", null, details);
            uow.rollOver(tx, account, portions, nextBoundary);
            uow.emit(new CreditsRolledOver(account.orgId, tx.id(), account.asRef(), rolled, nextBoundary, uow.now));
        }
        return rolled;
    }

    /**
     * Expires the account's credits ending by {@code boundary}, except what open holds need: holds
     * are backed by the credits that stay valid first, and the kept ones are the first in burn order.
     */
    private static void expire(UnitOfWork uow, Account account, Instant boundary) {
        List<Lot> ending = account.lots.stream().filter(l -> l.expiresAt != null && !l.expiresAt.isAfter(boundary))
                .toList();
        long endingTotal = ending.stream().mapToLong(l -> l.remaining).sum();
        long keep = Math.max(0, account.reserved - (account.balance - endingTotal));
        long expired = endingTotal - Math.min(keep, endingTotal);
        if (expired == 0) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("account", account.asRef());
        UnitOfWork.Tx tx = uow.begin("EXPIRY", account.orgId, expired, "system", "expired", null, details);
        for (Lot lot : ending) {
            long kept = Math.min(keep, lot.remaining);
            keep -= kept;
            if (lot.remaining > kept) {
                uow.expire(tx, account, lot, lot.remaining - kept);
            }
        }
        uow.emit(new CreditsExpired(account.orgId, tx.id(), account.asRef(), expired, "SUBSCRIPTION/ROLLOVER",
                account.view(), uow.now));
    }

    /** Recurring allocation: from the pool, as far as the pool's available credits go. Not reversible. */
    private void allocate(UnitOfWork uow, UUID orgId, Account pool, RecurringAllocationRepository.Allocation a) {
        Account member = uow.account(Account.memberRef(orgId, a.userId()));
        long wanted = "TOP_UP_TO".equals(a.mode()) ? Math.max(0, a.amount() - member.available()) : a.amount();
        long amount = Math.min(wanted, pool.available());
        if (amount <= 0) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", pool.asRef());
        details.put("to", member.asRef());
        UnitOfWork.Tx tx = uow.begin("TRANSFER", orgId, amount, "system", "recurring allocation", null, details);
        uow.deposit(tx, member, uow.draw(tx, pool, amount));
        uow.emit(new dev.teamcredits.events.ledger.TransferCompleted(orgId, tx.id(), pool.asRef(), member.asRef(), amount,
                "recurring allocation", "system", "Team Credits", null, pool.view(), member.view(), uow.now));
    }
}
