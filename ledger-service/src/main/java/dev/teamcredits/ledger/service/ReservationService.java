package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.ReservationCaptured;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.HoldRights;
import dev.teamcredits.ledger.domain.PoolCap;
import dev.teamcredits.ledger.domain.Postings;
import dev.teamcredits.ledger.domain.TransactionType;
import dev.teamcredits.ledger.domain.Waterfall;
import dev.teamcredits.ledger.repository.Db;
import dev.teamcredits.ledger.repository.PoolUsageRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import dev.teamcredits.ledger.repository.ReservationRepository;
import dev.teamcredits.ledger.repository.ReservationRepository.Hold;
import dev.teamcredits.ledger.repository.ReservationRepository.ReservationRow;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Two-phase spends (email finding: reserve, then capture if the result is valid, release if not).
 * Reserved credits stay in their accounts but are not available; the hold follows the same
 * waterfall and pool cap as a spend. A capture charges at most what was reserved and releases the
 * rest; the system releases reservations whose TTL passed. Who may end a hold: {@link HoldRights}.
 * Credits a hold kept past their expiry (a cycle closed while it was open) expire the moment the
 * hold ends, and a capture charges valid credits.
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);

    private final Db reads;
    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final SpendService spends;
    private final ProjectionRepository projection;
    private final PoolUsageRepository poolUsage;
    private final ReservationRepository reservations;
    private final IdempotentOperations idempotent;
    private final LedgerConfig config;

    public ReservationService(Pool pool, LedgerTransactions transactions, LedgerAccess access, SpendService spends,
            ProjectionRepository projection, PoolUsageRepository poolUsage, ReservationRepository reservations,
            IdempotentOperations idempotent, LedgerConfig config) {
        this.reads = () -> pool;
        this.transactions = transactions;
        this.access = access;
        this.spends = spends;
        this.projection = projection;
        this.poolUsage = poolUsage;
        this.reservations = reservations;
        this.idempotent = idempotent;
        this.config = config;
    }

    /**
     * Reserve either an {@code amount} of credits or the price of {@code action} × {@code quantity}
     * (quantity defaults to 1), for {@code ttlSeconds} (default from configuration).
     *
     * @param userId as for spends: null for one's own, required for a trusted backend
     */
    public record ReserveCommand(String userId, String action, Long quantity, Long amount, Long ttlSeconds) {
    }

    public Uni<Outcome<Reservation>> reserve(Caller caller, String key, UUID orgId, ReserveCommand command) {
        IdempotencyKeys.require(key);
        String userId = access.chargedUser(caller, command.userId());
        long amount = command.amount() != null ? command.amount()
                : spends.price(command.action(), command.quantity() == null ? 1 : command.quantity(), true);
        if (amount == 0) {
            throw LedgerProblems.nothingToReserve(command.action());
        }
        Duration ttl = command.ttlSeconds() == null ? config.reservations().defaultTtl()
                : Duration.ofSeconds(command.ttlSeconds());
        if (ttl.compareTo(config.reservations().maxTtl()) > 0) {
            throw LedgerProblems.ttlOutOfRange(config.reservations().maxTtl().toSeconds() + " seconds");
        }
        String action = command.action() == null ? "RESERVATION" : command.action();
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("reserve", orgId, command),
                Reservation.class, () -> Uni.combine().all().unis(access.org(tx, orgId),
                        access.lockedChargedMember(tx, orgId, caller, userId)).asTuple()
                        // Read again under the account locks, sent right behind them: a close that committed
                        // meanwhile is seen (the member row is share-locked, so a departure cannot commit now).
                        .chain(before -> Uni.combine().all().unis(lockFor(tx, before.getItem1(), before.getItem2()),
                                access.org(tx, orgId), member(tx, orgId, caller, userId),
                                poolUsage.usageThisCycle(tx, List.of(orgId), List.of(userId)))
                                .with((locked, org, member, usage) -> hold(tx, caller, org, member, action, amount,
                                        ttl, usage.get(AccountKey.member(orgId, member.userId())))))));
    }

    private Uni<MemberRow> member(LedgerTransaction tx, UUID orgId, Caller caller, String userId) {
        return access.isTrustedBackend(caller) ? access.namedMember(tx, orgId, userId) : access.member(tx, orgId, caller);
    }

    private Uni<Void> lockFor(LedgerTransaction tx, OrgRow org, MemberRow member) {
        List<AccountKey> accounts = new ArrayList<>(List.of(AccountKey.pool(org.orgId()),
                AccountKey.member(org.orgId(), member.userId())));
        if (org.personalFallback()) {
            accounts.add(AccountKey.personal(member.userId()));
        }
        return transactions.lock(tx, accounts);
    }

    /** Holds along the waterfall; the reservation row and the held pool credits are written at the end. */
    private Reservation hold(LedgerTransaction tx, Caller caller, OrgRow org, MemberRow member, String action,
            long amount, Duration ttl, PoolUsageRepository.Usage used) {
        UUID orgId = org.orgId();
        Account pool = tx.account(AccountKey.pool(orgId));
        Account personal = org.personalFallback() ? tx.lockedOrNull(AccountKey.personal(member.userId())) : null;
        Waterfall.Plan plan = Waterfall.plan(amount, member.poolAccess() ? pool : null,
                PoolCap.room(member.poolCap(), used.drawn(), used.held()),
                tx.account(AccountKey.member(orgId, member.userId())), personal);
        if (!plan.covers()) {
            throw LedgerProblems.insufficientCredits(amount, plan.available());
        }
        List<Hold> holds = new ArrayList<>();
        for (Waterfall.Part part : plan.parts()) {
            tx.postings.hold(part.account(), part.amount());
            holds.add(new Hold(part.account().id, part.account().ref, part.amount()));
        }
        ReservationRow row = new ReservationRow(UUID.randomUUID(), orgId, member.userId(), caller.subject(), action,
                amount, "ACTIVE", null, org.cycleStart(), tx.now().plus(ttl), holds);
        List<SourceAmount> sources = plan.parts().stream()
                .map(p -> new SourceAmount(p.account().asRef(), p.amount())).toList();
        transactions.endStep(tx);
        tx.postings.emit(new ReservationCreated(orgId, row.id(), member.userId(), action, amount, sources,
                row.expiresAt(), caller.subject(), pool.view(), tx.now()));
        tx.writeAtEnd(reservations.insert(tx, row, tx.now()));
        tx.writeAtEnd(poolUsage.addHeld(tx, orgId, member.userId(), poolPart(holds)));
        return new Reservation(row.id(), row.userId(), action, amount, sources, "ACTIVE", null, null,
                row.expiresAt());
    }

    public Uni<Outcome<Reservation>> capture(Caller caller, String key, UUID orgId, UUID id, long amount) {
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("capture", orgId, id, amount),
                Reservation.class, () -> active(tx, caller, orgId, id, true).chain(r -> {
                    if (amount > r.amount()) {
                        throw LedgerProblems.captureTooLarge(r.amount());
                    }
                    return Uni.combine().all().unis(lockHolds(tx, r), access.org(tx, orgId))
                            .with((locked, org) -> charge(tx, caller, org, r, amount));
                })));
    }

    /**
     * Ends the holds, then charges {@code amount} from the held accounts in hold order, from their valid
     * credits: what the holds kept past expiry cannot be charged. Refused (402, nothing changes, the
     * hold stays) when those accounts lack the valid credits.
     */
    private Reservation charge(LedgerTransaction tx, Caller caller, OrgRow org, ReservationRow r, long amount) {
        UUID orgId = org.orgId();
        long poolHeld = unhold(tx, r);
        long[] takes = new long[r.holds().size()];
        long left = amount;
        long coverable = 0;
        boolean short_ = false;
        for (int i = 0; i < takes.length; i++) {
            Hold h = r.holds().get(i);
            Account account = tx.account(AccountKey.fromRef(h.accountRef()));
            takes[i] = Math.min(left, h.amount());
            coverable += Math.min(h.amount(), account.available());
            short_ |= takes[i] > account.available();
            left -= takes[i];
        }
        if (short_) {
            throw LedgerProblems.insufficientCredits(amount, coverable);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("userId", r.userId());
        details.put("action", r.action());
        details.put("reservationId", r.id());
        Postings.Tx spend = tx.postings.begin(TransactionType.SPEND, orgId, amount, caller.subject(), null, null,
                details);
        List<SourceAmount> sources = new ArrayList<>();
        long poolDrawn = 0;
        for (int i = 0; i < takes.length; i++) {
            if (takes[i] > 0) {
                Account account = tx.account(AccountKey.fromRef(r.holds().get(i).accountRef()));
                tx.postings.spend(spend, account, takes[i]);
                sources.add(new SourceAmount(account.asRef(), takes[i]));
                poolDrawn += account.kind == AccountRef.Kind.POOL ? takes[i] : 0;
            }
        }
        details.put("sources", sources);
        expireUnheld(tx, r);
        transactions.endStep(tx);
        tx.postings.emit(new CreditsSpent(orgId, spend.id(), r.userId(), r.action(), 1, amount, sources,
                org.cycleStart(), r.id(), caller.subject(), poolView(tx, orgId), tx.now()));
        tx.postings.emit(new ReservationCaptured(orgId, r.id(), r.userId(), r.amount(), amount, spend.id(),
                poolView(tx, orgId), tx.now()));
        tx.writeAtEnd(reservations.resolve(tx, r.id(), "CAPTURED", amount, tx.now()));
        tx.writeAtEnd(poolUsage.addDrawn(tx, orgId, org.cycleStart(), List.of(r.userId()), List.of(poolDrawn)));
        tx.writeAtEnd(poolUsage.addHeld(tx, orgId, r.userId(), -poolHeld));
        return new Reservation(r.id(), r.userId(), r.action(), r.amount(), sources, "CAPTURED", amount, spend.id(),
                r.expiresAt());
    }

    public Uni<Outcome<Reservation>> release(Caller caller, String key, UUID orgId, UUID id) {
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("release", orgId, id),
                Reservation.class, () -> active(tx, caller, orgId, id, false)
                        .chain(r -> lockHolds(tx, r).chain(() -> releaseLocked(tx, r, false)))
                        .invoke(() -> transactions.endStep(tx))));
    }

    /**
     * Releases lapsed reservations in bulk: up to {@code expiry-batch} per transaction (their rows, then all their
     * accounts in one round, as the lock order wants), repeated until none is left, so a hold's credits are
     * available again about one interval after its TTL whatever the volume. Rows another transaction holds are
     * skipped (a capture, a release or a departure is ending them; another replica's job has them). If a bulk
     * transaction fails, that run releases the lapsed reservations one per transaction instead, so one that
     * cannot be released never keeps the others held; it is logged and tried again on the next run.
     */
    @Scheduled(every = "${ledger.reservations.expiry-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireDue() {
        int batch = config.reservations().expiryBatch();
        return Multi.createBy().repeating().uni(() -> releaseLapsed(batch)).whilst(released -> released == batch)
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Releasing lapsed reservations in bulk failed, one at a time now: %s", e.getMessage());
                    return releaseLapsedOneByOne(batch);
                })
                .onFailure().invoke(e -> LOG.warnf("Releasing lapsed reservations will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> releaseLapsedOneByOne(int limit) {
        return reservations.due(reads, Instant.now(), limit)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> transactions.transaction(tx -> reservations
                                .lockIfFree(tx, id).chain(r -> r == null || !"ACTIVE".equals(r.status())
                                        || r.expiresAt().isAfter(tx.now()) ? Uni.createFrom().voidItem()
                                        : lockHolds(tx, r).invoke(() -> releaseAllLocked(tx, List.of(r), true))))
                                .onFailure().invoke(e -> LOG.warnf("Releasing lapsed reservation %s will retry: %s",
                                        id, e.getMessage()))
                                .onFailure().recoverWithNull())
                        .collect().asList())
                .replaceWithVoid();
    }

    /** One transaction of the expiry job; how many reservations it released. */
    Uni<Integer> releaseLapsed(int batch) {
        return transactions.transaction(tx -> reservations.lockDue(tx, tx.now(), batch)
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(0)
                        : transactions.lock(tx, accountsOf(due, List.of()))
                                .invoke(() -> releaseAllLocked(tx, due, true)).replaceWith(due.size())));
    }

    /**
     * For a member who is leaving: locks their active reservations and every account those hold, plus
     * {@code also} (the member balance and the pool, for the sweep that follows), in one round. Returns
     * the reservations, to be released with {@link #releaseAllLocked}.
     */
    public Uni<List<ReservationRow>> lockAllOf(LedgerTransaction tx, UUID orgId, String userId, List<AccountKey> also) {
        return reservations.lockActiveOf(tx, orgId, userId)
                .chain(rows -> transactions.lock(tx, accountsOf(rows, also)).replaceWith(rows));
    }

    private static Set<AccountKey> accountsOf(List<ReservationRow> rows, List<AccountKey> also) {
        Set<AccountKey> accounts = new LinkedHashSet<>(also);
        rows.forEach(r -> r.holds().forEach(h -> accounts.add(AccountKey.fromRef(h.accountRef()))));
        return accounts;
    }

    /**
     * Ends many reservations whose accounts are locked, each one step as {@link #releaseLocked} would end it;
     * their rows and the members' held pool credits are written with the postings, in one statement each.
     */
    public void releaseAllLocked(LedgerTransaction tx, List<ReservationRow> rows, boolean expired) {
        Map<AccountKey, Long> poolHeld = new LinkedHashMap<>();
        for (ReservationRow r : rows) {
            long held = unhold(tx, r);
            if (held > 0) {
                poolHeld.merge(AccountKey.member(r.orgId(), r.userId()), held, Long::sum);
            }
            expireUnheld(tx, r);
            tx.postings.emit(new ReservationReleased(r.orgId(), r.id(), r.userId(), r.amount(), expired,
                    poolView(tx, r.orgId()), tx.now()));
            transactions.endStep(tx);
        }
        tx.writeAtEnd(reservations.resolveAll(tx, rows.stream().map(ReservationRow::id).toList(),
                expired ? "EXPIRED" : "RELEASED", tx.now()));
        List<AccountKey> members = new ArrayList<>(poolHeld.keySet());
        tx.writeAtEnd(poolUsage.releaseHeld(tx, members.stream().map(AccountKey::orgId).toList(),
                members.stream().map(AccountKey::userId).toList(), members.stream().map(poolHeld::get).toList()));
    }

    /**
     * Ends a reservation's holds (its accounts are locked); what they kept past expiry expires now. Part
     * of the caller's step: the caller ends the step.
     */
    public Uni<Reservation> releaseLocked(LedgerTransaction tx, ReservationRow r, boolean expired) {
        long poolHeld = unhold(tx, r);
        expireUnheld(tx, r);
        tx.postings.emit(new ReservationReleased(r.orgId(), r.id(), r.userId(), r.amount(), expired,
                poolView(tx, r.orgId()), tx.now()));
        String status = expired ? "EXPIRED" : "RELEASED";
        return reservations.resolve(tx, r.id(), status, null, tx.now())
                .chain(() -> poolUsage.addHeld(tx, r.orgId(), r.userId(), -poolHeld))
                .map(v -> new Reservation(r.id(), r.userId(), r.action(), r.amount(), List.of(), status, null, null,
                        r.expiresAt()));
    }

    /** The reservation, locked and still active, if the caller may see it (404) and end it this way (403). */
    private Uni<ReservationRow> active(LedgerTransaction tx, Caller caller, UUID orgId, UUID id, boolean capture) {
        return reservations.lock(tx, id).chain(r -> {
            if (r == null || !r.orgId().equals(orgId)) {
                throw LedgerProblems.reservationNotFound();
            }
            boolean holder = r.holder().equals(caller.subject());
            boolean operator = access.isOperator(caller);
            Uni<Boolean> admin = holder || operator ? Uni.createFrom().item(false)
                    : projection.member(tx, orgId, caller.subject()).map(m -> m != null && m.isAdmin());
            return admin.map(isAdmin -> {
                HoldRights rights = new HoldRights(holder, r.userId().equals(caller.subject()), isAdmin,
                        access.isTrustedBackend(caller), operator);
                if (!rights.maySee()) {
                    throw LedgerProblems.reservationNotFound();
                }
                if (capture ? !rights.mayCapture() : !rights.mayRelease()) {
                    throw LedgerProblems.reservationNotYours(capture);
                }
                if (!"ACTIVE".equals(r.status())) {
                    throw LedgerProblems.reservationNotActive(r.status());
                }
                if (!r.expiresAt().isAfter(tx.now())) {
                    throw LedgerProblems.reservationNotActive("EXPIRED");
                }
                return r;
            });
        });
    }

    private Uni<Void> lockHolds(LedgerTransaction tx, ReservationRow r) {
        return transactions.lock(tx, r.holds().stream().map(h -> AccountKey.fromRef(h.accountRef())).toList());
    }

    /** The pool after this transaction's changes, if it took part. */
    private static BalanceView poolView(LedgerTransaction tx, UUID orgId) {
        Account pool = tx.lockedOrNull(AccountKey.pool(orgId));
        return pool == null ? null : pool.view();
    }

    /** Gives every hold back; returns how much of it was pool credit. */
    private static long unhold(LedgerTransaction tx, ReservationRow r) {
        for (Hold h : r.holds()) {
            tx.postings.unhold(tx.account(AccountKey.fromRef(h.accountRef())), h.amount());
        }
        return poolPart(r.holds());
    }

    private static void expireUnheld(LedgerTransaction tx, ReservationRow r) {
        r.holds().stream().map(h -> tx.account(AccountKey.fromRef(h.accountRef()))).distinct()
                .forEach(tx.postings::expireUnheld);
    }

    private static long poolPart(List<Hold> holds) {
        return holds.stream().filter(h -> AccountKey.fromRef(h.accountRef()).kind() == AccountRef.Kind.POOL)
                .mapToLong(Hold::amount).sum();
    }
}
