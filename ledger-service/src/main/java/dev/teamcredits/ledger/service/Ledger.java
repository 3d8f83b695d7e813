package dev.teamcredits.ledger.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.outbox.Outbox;
import dev.teamcredits.common.outbox.OutboxSql;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.ledger.repository.LedgerRepository;
import dev.teamcredits.ledger.repository.LedgerRepository.AccountSpec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs money changes: one database transaction per unit of work, in which the accounts are
 * locked, the postings made in memory, checked to balance, and written with their outbox events.
 */
@ApplicationScoped
public class Ledger {

    private final Pool pool;
    private final LedgerRepository repository;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final LedgerConfig config;
    private volatile SystemAccounts system;
    private static final int RETRIES = 10;

    public Ledger(Pool pool, LedgerRepository repository, Outbox outbox, ObjectMapper json, LedgerConfig config) {
        this.config = config;
        this.pool = pool;
        this.repository = repository;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Runs {@code work} in a new transaction and writes what it posted; nothing is written if it fails.
     * A deadlock or serialization failure rolls the whole attempt back and runs it again from the
     * start (a fresh unit of work), so callers never see one as an error.
     */
    public <T> Uni<T> transaction(Function<UnitOfWork, Uni<T>> work) {
        return systemAccounts().chain(sys -> pool.withTransaction(connection -> {
            UnitOfWork uow = new UnitOfWork(connection, sys, Instant.now().truncatedTo(ChronoUnit.MICROS), false);
            return work.apply(uow).call(() -> flush(uow));
        })).onFailure(Ledger::isRetryable).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(200))
                .withJitter(0.5).atMost(RETRIES);
    }

    /** PostgreSQL's serialization_failure and deadlock_detected: the transaction may succeed if run again. */
    static boolean isRetryable(Throwable failure) {
        return failure instanceof PgException pg && ("40001".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState()));
    }

    /**
     * Runs {@code work} without writing anything: for previews. The accounts are read as they are
     * now; nothing stays locked.
     */
    public <T> Uni<T> dryRun(Function<UnitOfWork, Uni<T>> work) {
        return systemAccounts().chain(sys -> pool.withConnection(connection -> work.apply(
                new UnitOfWork(connection, sys, Instant.now().truncatedTo(ChronoUnit.MICROS), true))));
    }

    /**
     * Locks accounts into the unit of work, in id order, creating missing pool and member accounts. A
     * personal balance is never created here (it opens with {@link #openPersonal}): a missing one is an
     * empty account that nothing can draw from. After the locks, reads each org's current cycle, so
     * the unit of work sees a cycle close that committed while it waited.
     */
    public Uni<Void> lock(UnitOfWork uow, Collection<AccountSpec> specs) {
        return lock(uow, specs, false);
    }

    private Uni<Void> lock(UnitOfWork uow, Collection<AccountSpec> specs, boolean openPersonal) {
        List<AccountSpec> missing = specs.stream().filter(s -> !uow.accounts.containsKey(s.ref())).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (!uow.accounts.isEmpty() && !uow.dryRun) {
            // Locks are taken once per unit of work, all in id order; a second round could deadlock.
            throw new IllegalStateException("accounts " + missing + " locked after " + uow.accounts.keySet());
        }
        Uni<Map<String, Account>> locked = uow.dryRun ? repository.peek(uow.connection, missing)
                : repository.lock(uow.connection, missing, openPersonal);
        return locked.chain(accounts -> repository.cycleStarts(uow.connection, accounts.values().stream()
                .map(a -> a.orgId).filter(java.util.Objects::nonNull).distinct().toList()).invoke(starts -> {
                    for (Account a : accounts.values()) {
                        Instant cycleStart = a.orgId == null ? null : starts.get(a.orgId);
                        a.closedBefore = cycleStart;
                        a.validAfter = cycleStart == null || uow.now.isAfter(cycleStart) ? uow.now : cycleStart;
                    }
                    uow.accounts.putAll(accounts);
                })).replaceWithVoid();
    }

    /**
     * Opens a user's personal balance if it has never been opened, with the configured free credits;
     * locks it into the unit of work either way.
     */
    public Uni<Account> openPersonal(UnitOfWork uow, String userId) {
        AccountSpec spec = Accounts.personal(userId);
        return lock(uow, List.of(spec), true).map(v -> {
            Account personal = uow.account(spec.ref());
            if (personal.created && config.freeCredits() > 0) {
                grant(uow, personal, config.freeCredits(), LotKind.FREE, null, "FREE", "system");
            }
            return personal;
        });
    }

    /**
     * Ends one step (one spend of a batch, one transfer…): the policies run for the accounts it
     * changed, so every step sees the auto top-ups of the steps before it.
     */
    public void endStep(UnitOfWork uow) {
        autoTopUp(uow);
        uow.accounts.values().forEach(a -> a.stepChanged = false);
    }

    /** Credits entering a locked account from outside, announced as CreditsGranted. */
    public UnitOfWork.Tx grant(UnitOfWork uow, Account to, long amount, LotKind kind, Instant expiresAt, String reason,
            String actor) {
        UnitOfWork.Tx tx = uow.begin("GRANT", to.orgId, amount, actor, reason, null,
                java.util.Map.of("account", to.asRef(), "lotKind", kind.name()));
        uow.grant(tx, to, amount, kind, expiresAt);
        uow.emit(new CreditsGranted(to.orgId, tx.id(), to.asRef(), amount, reason, kind.name(), expiresAt, to.view(),
                actor, uow.now));
        return tx;
    }

    private Uni<SystemAccounts> systemAccounts() {
        SystemAccounts known = system;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return repository.systemAccounts().invoke(s -> system = s);
    }

    private Uni<Void> flush(UnitOfWork uow) {
        endStep(uow);
        uow.checkBalanced();
        raiseAlerts(uow);
        List<Object[]> txs = new ArrayList<>();
        for (UnitOfWork.Tx tx : uow.transactions) {
            txs.add(new Object[] { tx.id(), tx.orgId(), tx.type(), tx.amount(), tx.actor(), tx.reason(), tx.reverses(),
                    write(tx.details()), LedgerRepository.offset(tx.at()), uow.reversible.contains(tx.id()) });
        }
        List<Object[]> entries = uow.entries.stream()
                .map(e -> new Object[] { e.txId(), e.accountId(), e.lotId(), e.amount() }).toList();
        List<Account> changedAccounts = uow.accounts.values().stream().filter(a -> a.changed).toList();
        return repository.write(uow.connection, new LedgerRepository.Writes(txs, uow.createdLots, uow.changedLots(), entries,
                changedAccounts)).chain(() -> writeOutbox(uow.connection, uow));
    }

    private Uni<Void> writeOutbox(SqlConnection c, UnitOfWork uow) {
        return OutboxSql.insert(c, uow.events.stream().map(e -> outbox.row(Topics.LEDGER, e)).toList());
    }

    /**
     * An account with auto top-up that dropped below its threshold is refilled once (top-up credits,
     * never expiring), within its per-cycle limit; it re-arms when back at or above the threshold.
     * The setting belongs to the account, so a transfer never carries it elsewhere.
     */
    private void autoTopUp(UnitOfWork uow) {
        for (Account a : new ArrayList<>(uow.accounts.values())) {
            Account.AutoTopUp auto = a.autoTopUp;
            if (!a.stepChanged || auto == null) {
                continue;
            }
            if (a.available() < auto.threshold) {
                if (auto.armed && auto.fired < auto.perCycleLimit) {
                    grant(uow, a, auto.amount, LotKind.TOP_UP, null, "AUTO_TOP_UP", "system");
                    auto.fired++;
                    // Back above the threshold, the next drop may fire again; still below, it waits.
                    auto.armed = a.available() >= auto.threshold;
                    auto.changed = true;
                }
            } else if (!auto.armed) {
                auto.armed = true;
                auto.changed = true;
            }
        }
    }

    /** Low balance when available crosses below the threshold; pool empty when the pool reaches zero. */
    private void raiseAlerts(UnitOfWork uow) {
        long threshold = config.lowBalanceThreshold();
        for (Account a : uow.accounts.values()) {
            if (!a.changed || a.kind == AccountRef.Kind.PERSONAL) {
                continue;
            }
            if (a.availableAtLock >= threshold && a.available() < threshold) {
                uow.emit(new LowBalance(a.orgId, a.asRef(), a.available(), threshold, uow.now));
            }
            if (a.kind == AccountRef.Kind.POOL && a.availableAtLock > 0 && a.available() == 0) {
                uow.emit(new PoolEmpty(a.orgId, uow.now));
            }
        }
    }

    private String write(Object details) {
        try {
            return json.writeValueAsString(details == null ? java.util.Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
