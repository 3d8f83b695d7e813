package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.ReservationCaptured;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.repository.LedgerRepository.AccountSpec;
import dev.teamcredits.ledger.repository.PoolUsageRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import dev.teamcredits.ledger.repository.ReservationRepository;
import dev.teamcredits.ledger.repository.ReservationRepository.Hold;
import dev.teamcredits.ledger.repository.ReservationRepository.ReservationRow;
import dev.teamcredits.ledger.rest.dto.ReservationResponse;
import dev.teamcredits.ledger.rest.dto.ReserveRequest;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
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
 * rest; the system releases reservations whose TTL passed.
 *
 * <p>Who ends a hold: the caller that made it captures or releases it; an admin of the org may
 * release it; an operator client may do either. Credits a hold kept past their expiry (a cycle
 * closed while it was open) expire the moment the hold ends, and a capture charges valid credits.
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);

    private final io.vertx.mutiny.sqlclient.Pool db;
    private final Ledger ledger;
    private final LedgerAccess access;
    private final SpendService spends;
    private final ProjectionRepository projection;
    private final PoolUsageRepository poolUsage;
    private final ReservationRepository reservations;
    private final IdempotentOperations idempotent;
    private final LedgerConfig config;

    public ReservationService(io.vertx.mutiny.sqlclient.Pool db, Ledger ledger, LedgerAccess access, SpendService spends,
            ProjectionRepository projection, PoolUsageRepository poolUsage, ReservationRepository reservations,
            IdempotentOperations idempotent, LedgerConfig config) {
        this.db = db;
        this.ledger = ledger;
        this.access = access;
        this.spends = spends;
        this.projection = projection;
        this.poolUsage = poolUsage;
        this.reservations = reservations;
        this.idempotent = idempotent;
        this.config = config;
    }

    public Uni<Outcome<ReservationResponse>> reserve(Caller caller, String key, UUID orgId, ReserveRequest request) {
        dev.teamcredits.common.idempotency.IdempotencyKeys.require(key);
        String userId = spends.chargedUser(caller, request.userId());
        long amount = request.amount() != null ? request.amount()
                : spends.price(request.action(), request.quantity() == null ? 1 : request.quantity(), true);
        if (amount == 0) {
            throw LedgerProblems.nothingToReserve(request.action());
        }
        Duration ttl = request.ttlSeconds() == null ? config.reservations().defaultTtl()
                : Duration.ofSeconds(request.ttlSeconds());
        if (ttl.compareTo(config.reservations().maxTtl()) > 0) {
            throw LedgerProblems.ttlOutOfRange(config.reservations().maxTtl().toSeconds() + " seconds");
        }
        String action = request.action() == null ? "RESERVATION" : request.action();
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("reserve", orgId, request),
                ReservationResponse.class, () -> access.org(uow.connection, orgId)
                        .chain(before -> member(uow, orgId, caller, userId).chain(m -> lockFor(uow, before, m)))
                        // Read again under the locks: a close or a departure that committed meanwhile is seen.
                        .chain(() -> access.org(uow.connection, orgId))
                        .chain(org -> member(uow, orgId, caller, userId)
                                .chain(member -> hold(uow, caller, org, member, action, amount, ttl)))));
    }

    private Uni<MemberRow> member(UnitOfWork uow, UUID orgId, Caller caller, String userId) {
        return access.isTrustedBackend(caller) ? access.namedMember(uow.connection, orgId, userId)
                : access.member(uow.connection, orgId, caller);
    }

    private Uni<Void> lockFor(UnitOfWork uow, OrgRow org, MemberRow member) {
        List<AccountSpec> specs = new ArrayList<>(List.of(Accounts.pool(org.orgId()),
                Accounts.member(org.orgId(), member.userId())));
        if (org.personalFallback()) {
            specs.add(Accounts.personal(member.userId()));
        }
        return ledger.lock(uow, specs);
    }

    private Uni<ReservationResponse> hold(UnitOfWork uow, Caller caller, OrgRow org, MemberRow member, String action,
            long amount, Duration ttl) {
        UUID orgId = org.orgId();
        return poolUsage.usage(uow.connection, orgId, org.cycleStart(), List.of(member.userId())).chain(usage -> {
            var used = usage.getOrDefault(member.userId(), new PoolUsageRepository.Usage(0, 0));
            Account pool = uow.account(Account.poolRef(orgId));
            Account personal = org.personalFallback() ? uow.accounts.get(Account.personalRef(member.userId())) : null;
            long room = member.poolCap() == null ? Long.MAX_VALUE : member.poolCap() - used.drawn() - used.held();
            Waterfall.Plan plan = Waterfall.plan(amount, member.poolAccess() ? pool : null, room,
                    uow.account(Account.memberRef(orgId, member.userId())), personal);
            if (!plan.covers(amount)) {
                throw LedgerProblems.insufficientCredits(amount, plan.available());
            }
            List<Hold> holds = new ArrayList<>();
            for (Waterfall.Part part : plan.parts()) {
                uow.hold(part.account(), part.amount());
                holds.add(new Hold(part.account().id, part.account().ref, part.amount()));
            }
            ReservationRow row = new ReservationRow(UUID.randomUUID(), orgId, member.userId(), caller.subject(), action,
                    amount, "ACTIVE", null, org.cycleStart(), uow.now.plus(ttl), holds);
            List<SourceAmount> sources = plan.parts().stream()
                    .map(p -> new SourceAmount(p.account().asRef(), p.amount())).toList();
            ledger.endStep(uow);
            uow.emit(new ReservationCreated(orgId, row.id(), member.userId(), action, amount, sources, row.expiresAt(),
                    caller.subject(), pool.view(), uow.now));
            return reservations.insert(uow.connection, row, uow.now)
                    .chain(() -> poolUsage.addHeld(uow.connection, orgId, member.userId(), poolPart(holds)))
                    .map(v -> new ReservationResponse(row.id(), row.userId(), action, amount, sources, "ACTIVE", null,
                            null, row.expiresAt()));
        });
    }

    public Uni<Outcome<ReservationResponse>> capture(Caller caller, String key, UUID orgId, UUID id, long amount) {
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("capture", orgId, id, amount),
                ReservationResponse.class, () -> active(uow, caller, orgId, id, true).chain(r -> {
                    if (amount > r.amount()) {
                        throw LedgerProblems.captureTooLarge(r.amount());
                    }
                    return lockHolds(uow, r).chain(() -> access.org(uow.connection, orgId))
                            .chain(org -> charge(uow, caller, org, r, amount));
                })));
    }

    /**
     * Ends the holds, then charges {@code amount} from the held accounts in hold order, from their
     * valid credits: what the holds kept past expiry cannot be charged. Refused (402, nothing
     * changes, the hold stays) when those accounts lack the valid credits.
     */
    private Uni<ReservationResponse> charge(UnitOfWork uow, Caller caller, OrgRow org, ReservationRow r, long amount) {
        UUID orgId = org.orgId();
        long poolHeld = unhold(uow, r);
        List<long[]> takes = new ArrayList<>();
        long left = amount;
        long coverable = 0;
        boolean short_ = false;
        for (Hold h : r.holds()) {
            Account account = uow.account(h.accountRef());
            long take = Math.min(left, h.amount());
            coverable += Math.min(h.amount(), account.available());
            short_ |= take > account.available();
            takes.add(new long[] { take });
            left -= take;
        }
        if (short_) {
            throw LedgerProblems.insufficientCredits(amount, coverable);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("userId", r.userId());
        details.put("action", r.action());
        details.put("reservationId", r.id());
        UnitOfWork.Tx tx = uow.begin("SPEND", orgId, amount, caller.subject(), null, null, details);
        List<SourceAmount> sources = new ArrayList<>();
        long poolDrawn = 0;
        for (int i = 0; i < r.holds().size(); i++) {
            long take = takes.get(i)[0];
            if (take == 0) {
                continue;
            }
            Account account = uow.account(r.holds().get(i).accountRef());
            uow.spend(tx, account, take);
            sources.add(new SourceAmount(account.asRef(), take));
            poolDrawn += account.kind == AccountRef.Kind.POOL ? take : 0;
        }
        details.put("sources", sources);
        expireUnheld(uow, r);
        ledger.endStep(uow);
        uow.emit(new CreditsSpent(orgId, tx.id(), r.userId(), r.action(), 1, amount, sources, org.cycleStart(), r.id(),
                caller.subject(), poolView(uow, orgId), uow.now));
        uow.emit(new ReservationCaptured(orgId, r.id(), r.userId(), r.amount(), amount, tx.id(), poolView(uow, orgId),
                uow.now));
        long drawnFromPool = poolDrawn;
        return reservations.resolve(uow.connection, r.id(), "CAPTURED", amount, uow.now)
                .chain(() -> poolUsage.addDrawn(uow.connection, orgId, org.cycleStart(), List.of(r.userId()),
                        List.of(drawnFromPool)))
                .chain(() -> poolUsage.addHeld(uow.connection, orgId, r.userId(), -poolHeld))
                .map(v -> new ReservationResponse(r.id(), r.userId(), r.action(), r.amount(), sources, "CAPTURED",
                        amount, tx.id(), r.expiresAt()));
    }

    public Uni<Outcome<ReservationResponse>> release(Caller caller, String key, UUID orgId, UUID id) {
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("release", orgId, id),
                ReservationResponse.class, () -> active(uow, caller, orgId, id, false)
                        .chain(r -> lockHolds(uow, r).chain(() -> releaseLocked(uow, r, false)))));
    }

    /**
     * Releases reservations whose TTL passed, each in its own transaction (its row, then its accounts,
     * like a capture), so the job never holds one reservation's locks while waiting for another's.
     */
    @Scheduled(every = "${ledger.reservations.expiry-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireDue() {
        return reservations.due(db, java.time.Instant.now(), 100)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> ledger.transaction(uow -> reservations
                                .lockIfFree(uow.connection, id).chain(r -> r == null || !"ACTIVE".equals(r.status())
                                        || r.expiresAt().isAfter(uow.now) ? Uni.createFrom().nullItem()
                                        : lockHolds(uow, r).chain(() -> releaseLocked(uow, r, true))
                                                .invoke(() -> ledger.endStep(uow))))
                                .onFailure().invoke(e -> LOG.warnf("Releasing expired reservation %s will retry: %s", id,
                                        e.getMessage()))
                                .onFailure().recoverWithNull())
                        .collect().asList())
                .onFailure().invoke(e -> LOG.warnf("Releasing expired reservations will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * For a member who is leaving: locks their active reservations and every account those hold,
     * plus {@code also} (the member balance and the pool, for the sweep that follows), in one round.
     * Returns the reservations, to be released with {@link #releaseLocked}.
     */
    public Uni<List<ReservationRow>> lockAllOf(UnitOfWork uow, UUID orgId, String userId, List<AccountSpec> also) {
        return reservations.lockActiveOf(uow.connection, orgId, userId)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> reservations.find(uow.connection, id))
                        .collect().asList())
                .chain(rows -> {
                    Set<AccountSpec> specs = new LinkedHashSet<>(also);
                    rows.forEach(r -> r.holds().forEach(h -> specs.add(specOf(r, h.accountRef()))));
                    return ledger.lock(uow, specs).replaceWith(rows);
                });
    }

    /**
     * Ends a reservation's holds (its accounts are locked); what they kept past expiry expires now.
     * Part of the caller's step: the caller ends the step.
     */
    public Uni<ReservationResponse> releaseLocked(UnitOfWork uow, ReservationRow r, boolean expired) {
        long poolHeld = unhold(uow, r);
        expireUnheld(uow, r);
        uow.emit(new ReservationReleased(r.orgId(), r.id(), r.userId(), r.amount(), expired, poolView(uow, r.orgId()),
                uow.now));
        String status = expired ? "EXPIRED" : "RELEASED";
        return reservations.resolve(uow.connection, r.id(), status, null, uow.now)
                .chain(() -> poolUsage.addHeld(uow.connection, r.orgId(), r.userId(), -poolHeld))
                .map(v -> new ReservationResponse(r.id(), r.userId(), r.action(), r.amount(), List.of(), status, null,
                        null, r.expiresAt()));
    }

    /**
     * The reservation, locked and still active. Seen by the caller that made it, its member, the
     * org's admins, trusted backends and operators (anyone else: 404); captured only by the caller
     * that made it or an operator, released also by an admin of the org (others: 403).
     */
    private Uni<ReservationRow> active(UnitOfWork uow, Caller caller, UUID orgId, UUID id, boolean capture) {
        return reservations.lock(uow.connection, id).chain(r -> {
            if (r == null || !r.orgId().equals(orgId)) {
                throw LedgerProblems.reservationNotFound();
            }
            boolean holder = r.holder().equals(caller.subject());
            boolean operator = access.isOperator(caller);
            Uni<Boolean> admin = holder || operator ? Uni.createFrom().item(false)
                    : projection.member(uow.connection, orgId, caller.subject()).map(m -> m != null && m.isAdmin());
            return admin.map(isAdmin -> {
                boolean visible = holder || operator || isAdmin || r.userId().equals(caller.subject())
                        || access.isTrustedBackend(caller);
                if (!visible) {
                    throw LedgerProblems.reservationNotFound();
                }
                if (!(holder || operator || (!capture && isAdmin))) {
                    throw LedgerProblems.reservationNotYours(capture);
                }
                if (!"ACTIVE".equals(r.status())) {
                    throw LedgerProblems.reservationNotActive(r.status());
                }
                if (!r.expiresAt().isAfter(uow.now)) {
                    throw LedgerProblems.reservationNotActive("EXPIRED");
                }
                return r;
            });
        });
    }

    private Uni<Void> lockHolds(UnitOfWork uow, ReservationRow r) {
        return ledger.lock(uow, r.holds().stream().map(h -> specOf(r, h.accountRef())).toList());
    }

    private static AccountSpec specOf(ReservationRow r, String ref) {
        if (ref.startsWith("POOL:")) {
            return Accounts.pool(r.orgId());
        }
        if (ref.startsWith("MEMBER:")) {
            return Accounts.member(r.orgId(), r.userId());
        }
        return Accounts.personal(r.userId());
    }

    /** The pool after this unit of work's changes, if it took part. */
    private static BalanceView poolView(UnitOfWork uow, UUID orgId) {
        Account pool = uow.accounts.get(Account.poolRef(orgId));
        return pool == null ? null : pool.view();
    }

    /** Gives every hold back; returns how much of it was pool credit. */
    private static long unhold(UnitOfWork uow, ReservationRow r) {
        for (Hold h : r.holds()) {
            uow.unhold(uow.account(h.accountRef()), h.amount());
        }
        return poolPart(r.holds());
    }

    private static void expireUnheld(UnitOfWork uow, ReservationRow r) {
        r.holds().stream().map(h -> uow.account(h.accountRef())).distinct().forEach(uow::expireUnheld);
    }

    private static long poolPart(List<Hold> holds) {
        return holds.stream().filter(h -> h.accountRef().startsWith("POOL:")).mapToLong(Hold::amount).sum();
    }
}
