package dev.teamcredits.ledger.service;

import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.Postings;
import dev.teamcredits.ledger.repository.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One database transaction of the ledger, as a use case sees it: the accounts it locked and the
 * postings it makes on them. It owns its connection; use cases hand it to repositories as their
 * {@link Db}. Made and finished by {@link LedgerTransactions}.
 */
public final class LedgerTransaction implements Db {

    private final SqlClient connection;
    public final Postings postings;
    /** A dry run (preview): accounts are read, not locked or created, and nothing is written. */
    final boolean dryRun;
    final Map<String, Account> accounts = new HashMap<>();
    final List<Uni<Void>> writes = new ArrayList<>();

    LedgerTransaction(SqlClient connection, Postings postings, boolean dryRun) {
        this.connection = connection;
        this.postings = postings;
        this.dryRun = dryRun;
    }

    @Override
    public SqlClient sql() {
        return connection;
    }

    public Instant now() {
        return postings.now;
    }

    /** A locked account of this transaction. */
    public Account account(AccountKey key) {
        Account account = accounts.get(key.ref());
        if (account == null) {
            throw new IllegalStateException(key.ref() + " was not locked in this transaction");
        }
        return account;
    }

    /** The account if this transaction locked it, else null. */
    public Account lockedOrNull(AccountKey key) {
        return accounts.get(key.ref());
    }

    /**
     * A write of the use case's own (usage counters, idempotency records), sent with the postings when
     * the transaction ends: the connection pipelines them all in one round trip. Nothing may read
     * what it writes before then.
     */
    public void writeAtEnd(Uni<Void> statement) {
        writes.add(statement);
    }

    public Collection<Account> accounts() {
        return accounts.values();
    }
}
