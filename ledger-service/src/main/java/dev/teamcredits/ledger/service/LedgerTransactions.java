package dev.teamcredits.ledger.service;

import dev.teamcredits.common.outbox.Outbox;
import dev.teamcredits.common.outbox.OutboxSql;
import dev.teamcredits.common.persistence.DatabaseErrors;
import dev.teamcredits.events.Topics;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.AutoTopUpPolicy;
import dev.teamcredits.ledger.domain.BalanceAlerts;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.ledger.domain.Postings;
import dev.teamcredits.ledger.domain.SystemAccounts;
import dev.teamcredits.ledger.repository.LedgerRepository;
import dev.teamcredits.ledger.repository.TopUpRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs money changes: one database transaction per {@link LedgerTransaction}, in which the accounts are
 * locked (once, in id order), the postings made in memory, the step policies run, the postings
 * checked to balance, and everything written with its outbox events.
 */
@ApplicationScoped
public class LedgerTransactions {

    private static final int RETRIES = 10;

    private final Pool pool;
    private final LedgerRepository repository;
    private final Outbox outbox;
    private final LedgerConfig config;
    private final TopUpRepository topUps;
    private volatile SystemAccounts system;

    public LedgerTransactions(Pool pool, LedgerRepository repository, Outbox outbox, LedgerConfig config,
            TopUpRepository topUps) {
        this.pool = pool;
        this.repository = repository;
        this.outbox = outbox;
        this.config = config;
        this.topUps = topUps;
    }

    /**
     * Runs {@code work} in a new transaction and writes what it posted; nothing is written if it fails.
     * A deadlock or serialization failure rolls the whole attempt back and runs it again from the
     * start (a fresh transaction), so callers never see one as an error.
     */
    public <T> Uni<T> transaction(Function<LedgerTransaction, Uni<T>> work) {
        return systemAccounts().chain(sys -> pool.withTransaction(connection -> {
            LedgerTransaction tx = new LedgerTransaction(connection, new Postings(sys, now(), config.topUps().requestTtl()), false);
            return work.apply(tx).call(() -> flush(tx));
        })).onFailure(DatabaseErrors::isConflict).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(200))
                .withJitter(0.5).atMost(RETRIES);
    }

    /** Runs {@code work} without writing anything: for previews. The accounts are read as they are now; nothing stays locked. */
    public <T> Uni<T> dryRun(Function<LedgerTransaction, Uni<T>> work) {
        return systemAccounts().chain(sys -> pool.withConnection(connection -> work.apply(
                new LedgerTransaction(connection, new Postings(sys, now(), config.topUps().requestTtl()), true))));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Locks accounts into the transaction, in id order, creating missing pool and member accounts. A
     * personal balance is never created here (it opens with {@link #openPersonal}): a missing one is an
     * empty account nothing can draw from. After the locks, reads each org's current cycle, so the
     * transaction sees a cycle close that committed while it waited.
     */
    public Uni<Void> lock(LedgerTransaction tx, Collection<AccountKey> keys) {
        return lock(tx, keys, false);
    }

    private Uni<Void> lock(LedgerTransaction tx, Collection<AccountKey> keys, boolean openPersonal) {
        List<AccountKey> missing = keys.stream().filter(k -> !tx.accounts.containsKey(k.ref())).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (!tx.accounts.isEmpty() && !tx.dryRun) {
            // Locks are taken once per transaction, all in id order; a second round could deadlock.
            throw new IllegalStateException("accounts " + missing + " locked after " + tx.accounts.keySet());
        }
        Uni<Map<String, Account>> locked = tx.dryRun ? repository.peek(tx, missing)
                : repository.lock(tx, missing, openPersonal);
        // Sent right behind the locks, so it runs once they are held: one round trip for both.
        Uni<Map<UUID, Instant>> cycleStarts = repository.cycleStarts(tx, missing.stream().map(AccountKey::orgId)
                .filter(Objects::nonNull).distinct().toList());
        return Uni.combine().all().unis(locked, cycleStarts).with((accounts, starts) -> {
            for (Account a : accounts.values()) {
                a.asOf(a.orgId == null ? null : starts.get(a.orgId), tx.now());
            }
            tx.accounts.putAll(accounts);
            return accounts;
        }).replaceWithVoid();
    }

    /**
     * Opens a user's personal balance if it has never been opened, with the configured free credits;
     * locks it into the transaction either way.
     */
    public Uni<Account> openPersonal(LedgerTransaction tx, String userId) {
        AccountKey key = AccountKey.personal(userId);
        return lock(tx, List.of(key), true).map(v -> {
            Account personal = tx.account(key);
            if (personal.created && config.freeCredits() > 0) {
                tx.postings.grant(personal, config.freeCredits(), LotKind.FREE, null, "FREE", "system");
            }
            return personal;
        });
    }

    /**
     * Ends one step (one spend of a batch, one transfer…): the policies run for the accounts it
     * changed, so every step sees the auto top-ups of the steps before it.
     */
    public void endStep(LedgerTransaction tx) {
        AutoTopUpPolicy.afterStep(tx.postings, tx.accounts(), config.topUps().maxOpenPerAccount());
        tx.accounts().forEach(a -> a.stepChanged = false);
    }

    private Uni<SystemAccounts> systemAccounts() {
        SystemAccounts known = system;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return repository.systemAccounts().invoke(s -> system = s);
    }

    private Uni<Void> flush(LedgerTransaction tx) {
        endStep(tx);
        tx.postings.checkBalanced();
        BalanceAlerts.raise(tx.postings, tx.accounts(), config.lowBalanceThreshold());
        List<Account> changed = tx.accounts().stream().filter(a -> a.changed).toList();
        List<Uni<Void>> more = new ArrayList<>(tx.writes);
        // After the journal: a purchase row names its transaction; top-up requests (an admin's, a user's, an auto
        // top-up's) are written with the postings that made them.
        more.add(topUps.insertRequests(tx, tx.postings.requests()));
        more.add(OutboxSql.insert(tx.sql(), tx.postings.events().stream().map(e -> outbox.row(Topics.LEDGER, e))
                .toList()));
        return repository.write(tx, tx.postings, changed, more);
    }
}
