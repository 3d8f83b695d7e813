package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.ReservationCaptured;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.repository.LedgerRepository.AccountSpec;
import dev.teamcredits.ledger.repository.PoolUsageRepository;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Two-phase spends (email finding: reserve, then capture if the result is valid, release if not).
 * Reserved credits stay in their accounts but are not available; the hold follows the same
 * waterfall and pool cap as a spend. A capture charges at most what was reserved and releases the
 * rest; the system releases reservations whose TTL passed.
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);

    private final Ledger ledger;
    private final LedgerAccess access;
    private final SpendService spends;
    private final PoolUsageRepository poolUsage;
    private final ReservationRepository reservations;
    private final IdempotentOperations idempotent;
    private final LedgerConfig config;

    public ReservationService(Ledger ledger, LedgerAccess access, SpendService spends, PoolUsageRepository poolUsage,
            ReservationRepository reservations, IdempotentOperations idempotent, LedgerConfig config) {
        this.ledger = ledger;
        this.access = access;
        this.spends = spends;
        this.poolUsage = poolUsage;
        this.reservations = reservations;
        this.idempotent = idempotent;
        this.config = config;
    }

    public Uni<Outcome<ReservationResponse>> reserve(Caller caller, String key, UUID orgId, ReserveRequest request) {
        String userId = spends.chargedUser(caller, request.userId());
        long amount = request.amount() != null ? request.amount()
                : spends.price(request.action(), request.quantity() == null ? 1 : request.quantity(), true);
        Duration ttl = request.ttlSeconds() == null ? config.reservations().defaultTtl()
                : Duration.ofSeconds(request.ttlSeconds());
        if (ttl.compareTo(config.reservations().maxTtl()) > 0) {
            throw LedgerProblems.ttlOutOfRange(config.reservations().maxTtl().toSeconds() + " seconds");
        }
        String action = request.action() == null ? "RESERVATION" : request.action();
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("reserve", orgId, request),
                ReservationResponse.class, () -> access.org(uow.connection, orgId).chain(org -> member(uow, org, caller,
                        userId).chain(member -> hold(uow, org, member, action, amount, ttl)))));
    }

    private Uni<MemberRow> member(UnitOfWork uow, OrgRow org, Caller caller, String userId) {
        return access.isTrustedBackend(caller) ? access.namedMember(uow.connection, org.orgId(), userId)
                : access.member(uow.connection, org.orgId(), caller);
    }

    private Uni<ReservationResponse> hold(UnitOfWork uow, OrgRow org, MemberRow member, String action, long amount,
            Duration ttl) {
        UUID orgId = org.orgId();
        List<AccountSpec> specs = new ArrayList<>(List.of(Accounts.pool(orgId), Accounts.member(orgId, member.userId())));
        if (org.personalFallback()) {
            specs.add(Accounts.personal(member.userId()));
        }
        return ledger.lock(uow, specs)
                .chain(() -> poolUsage.usage(uow.connection, orgId, org.cycleStart(), List.of(member.userId())))
                .chain(usage -> {
                    var used = usage.getOrDefault(member.userId(), new PoolUsageRepository.Usage(0, 0));
                    Account pool = uow.account(Account.poolRef(orgId));
                    long room = member.poolCap() == null ? Long.MAX_VALUE : member.poolCap() - used.drawn() - used.held();
                    Waterfall.Plan plan = Waterfall.plan(amount, member.poolAccess() ? pool : null, room,
                            uow.account(Account.memberRef(orgId, member.userId())),
                            org.personalFallback() ? uow.account(Account.personalRef(member.userId())) : null);
                    if (!plan.covers(amount)) {
                        throw LedgerProblems.insufficientCredits(amount, plan.available());
                    }
                    List<Hold> holds = new ArrayList<>();
                    for (Waterfall.Part part : plan.parts()) {
                        uow.hold(part.account(), part.amount());
                        holds.add(new Hold(part.account().id, part.account().ref, part.amount()));
                    }
                    ReservationRow row = new ReservationRow(UUID.randomUUID(), orgId, member.userId(), action, amount,
                            "ACTIVE", null, org.cycleStart(), uow.now.plus(ttl), holds);
                    List<SourceAmount> sources = plan.parts().stream()
                            .map(p -> new SourceAmount(p.account().asRef(), p.amount())).toList();
                    uow.emit(new ReservationCreated(orgId, row.id(), member.userId(), action, amount, sources,
                            row.expiresAt(), member.userId(), pool.view(), uow.now));
                    return reservations.insert(uow.connection, row, uow.now)
                            .chain(() -> poolUsage.add(uow.connection, orgId, org.cycleStart(), List.of(member.userId()),
                                    List.of(0L), List.of(poolHeldOf(plan, pool))))
                            .map(v -> new ReservationResponse(row.id(), row.userId(), action, amount, sources, "ACTIVE",
                                    null, null, row.expiresAt()));
                });
    }

    private static long poolHeldOf(Waterfall.Plan plan, Account pool) {
        return plan.parts().stream().filter(p -> p.account() == pool).mapToLong(Waterfall.Part::amount).sum();
    }

    public Uni<Outcome<ReservationResponse>> capture(Caller caller, String key, UUID orgId, UUID id, long amount) {
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("capture", orgId, id, amount),
                ReservationResponse.class, () -> active(uow, caller, orgId, id).chain(r -> {
                    if (amount > r.amount()) {
                        throw LedgerProblems.captureTooLarge(r.amount());
                    }
                    return lockHolds(uow, r).chain(() -> {
                        long poolHeld = unhold(uow, r);
                        Map<String, Object> details = new LinkedHashMap<>();
                        details.put("userId", r.userId());
                        details.put("action", r.action());
                        details.put("reservationId", r.id());
                        UnitOfWork.Tx tx = uow.begin("SPEND", orgId, amount, caller.subject(), null, null, details);
                        List<SourceAmount> sources = new ArrayList<>();
                        long left = amount;
                        long poolDrawn = 0;
                        for (Hold h : r.holds()) {
                            long take = Math.min(left, h.amount());
                            if (take == 0) {
                                break;
                            }
                            Account account = uow.account(h.accountRef());
                            uow.spend(tx, account, take, false);
                            sources.add(new SourceAmount(account.asRef(), take));
                            poolDrawn += h.accountRef().startsWith("POOL:") ? take : 0;
                            left -= take;
                        }
                        details.put("sources", sources);
                        long drawnFromPool = poolDrawn;
                        uow.emit(new CreditsSpent(orgId, tx.id(), r.userId(), r.action(), 1, amount, sources,
                                r.cycleStart(), r.id(), caller.subject(), poolView(uow, orgId), uow.now));
                        uow.emit(new ReservationCaptured(orgId, r.id(), r.userId(), r.amount(), amount, tx.id(),
                                poolView(uow, orgId), uow.now));
                        return reservations.resolve(uow.connection, r.id(), "CAPTURED", amount, uow.now)
                                .chain(() -> poolUsage.add(uow.connection, orgId, r.cycleStart(), List.of(r.userId()),
                                        List.of(drawnFromPool), List.of(-poolHeld)))
                                .map(v -> new ReservationResponse(r.id(), r.userId(), r.action(), r.amount(), sources,
                                        "CAPTURED", amount, tx.id(), r.expiresAt()));
                    });
                })));
    }

    public Uni<Outcome<ReservationResponse>> release(Caller caller, String key, UUID orgId, UUID id) {
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("release", orgId, id),
                ReservationResponse.class, () -> active(uow, caller, orgId, id)
                        .chain(r -> releaseLocked(uow, r, false))));
    }

    @Scheduled(every = "${ledger.reservations.expiry-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireDue() {
        return ledger.transaction(uow -> reservations.lockDue(uow.connection, uow.now, 100)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> reservations.find(uow.connection, id)
                                .chain(r -> releaseLocked(uow, r, true)))
                        .collect().asList()))
                .onFailure().invoke(e -> LOG.warnf("Releasing expired reservations will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Releases every active reservation of a member (who is leaving), in the caller's unit of work. */
    public Uni<Void> releaseAllOf(UnitOfWork uow, UUID orgId, String userId) {
        return reservations.activeOf(uow.connection, orgId, userId)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> reservations.find(uow.connection, id)
                                .chain(r -> releaseLocked(uow, r, false)))
                        .collect().asList())
                .replaceWithVoid();
    }

    private Uni<ReservationResponse> releaseLocked(UnitOfWork uow, ReservationRow r, boolean expired) {
        return lockHolds(uow, r).chain(() -> {
            long poolHeld = unhold(uow, r);
            uow.emit(new ReservationReleased(r.orgId(), r.id(), r.userId(), r.amount(), expired,
                    poolView(uow, r.orgId()), uow.now));
            String status = expired ? "EXPIRED" : "RELEASED";
            return reservations.resolve(uow.connection, r.id(), status, null, uow.now)
                    .chain(() -> poolUsage.add(uow.connection, r.orgId(), r.cycleStart(), List.of(r.userId()),
                            List.of(0L), List.of(-poolHeld)))
                    .map(v -> new ReservationResponse(r.id(), r.userId(), r.action(), r.amount(), List.of(), status, null,
                            null, r.expiresAt()));
        });
    }

    /** The reservation, locked and still active; visible to its member and to trusted backends. */
    private Uni<ReservationRow> active(UnitOfWork uow, Caller caller, UUID orgId, UUID id) {
        return reservations.lock(uow.connection, id).map(r -> {
            boolean visible = r != null && r.orgId().equals(orgId)
                    && (access.isTrustedBackend(caller) || r.userId().equals(caller.subject()));
            if (!visible) {
                throw LedgerProblems.reservationNotFound();
            }
            if (!"ACTIVE".equals(r.status())) {
                throw LedgerProblems.reservationNotActive(r.status());
            }
            if (!r.expiresAt().isAfter(uow.now)) {
                throw LedgerProblems.reservationNotActive("EXPIRED");
            }
            return r;
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
    private static dev.teamcredits.events.ledger.BalanceView poolView(UnitOfWork uow, UUID orgId) {
        Account pool = uow.accounts.get(Account.poolRef(orgId));
        return pool == null ? null : pool.view();
    }

    /** Gives every hold back; returns how much of it was pool credit. */
    private static long unhold(UnitOfWork uow, ReservationRow r) {
        long poolHeld = 0;
        for (Hold h : r.holds()) {
            uow.unhold(uow.account(h.accountRef()), h.amount());
            poolHeld += h.accountRef().startsWith("POOL:") ? h.amount() : 0;
        }
        return poolHeld;
    }

}
