package dev.teamcredits.ledger.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.ledger.domain.Postings;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.Lot;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.BurnOrder;
import dev.teamcredits.ledger.domain.SystemAccounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accounts and lots in SQL. Accounts are locked in id order, so two transactions that need the
 * same accounts queue up instead of deadlocking, whichever replica they run on.
 */
@ApplicationScoped
public class LedgerRepository {

    private final Pool pool;
    private final ObjectMapper json;

    public LedgerRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<SystemAccounts> systemAccounts() {
        return pool.query("SELECT ref, id FROM account WHERE kind = 'SYSTEM'").execute().map(rows -> {
            Map<String, Long> ids = new HashMap<>();
            rows.forEach(r -> ids.put(r.getString(0), r.getLong(1)));
            return new SystemAccounts(ids.get("SYSTEM:ISSUANCE"), ids.get("SYSTEM:SPENT"), ids.get("SYSTEM:EXPIRED"),
                    ids.get("SYSTEM:PURCHASES"), ids.get("SYSTEM:GRANTS"));
        });
    }

    /**
     * Locks the accounts with their open lots, creating missing ones (personal balances only when
     * {@code createPersonal}; a missing one is otherwise an empty account in memory). Returns them by
     * ref; a newly created account has {@code created} set.
     */
    public Uni<Map<String, Account>> lock(Db db, Collection<AccountKey> specs, boolean createPersonal) {
        String[] refs = specs.stream().map(AccountKey::ref).distinct().toArray(String[]::new);
        return select(db, refs, true).chain(found -> {
            List<AccountKey> missing = specs.stream().filter(s -> !found.containsKey(s.ref()))
                    .filter(s -> createPersonal || s.kind() != AccountRef.Kind.PERSONAL).toList();
            specs.stream().filter(s -> !found.containsKey(s.ref()) && !missing.contains(s))
                    .forEach(s -> found.put(s.ref(), emptyAccount(s, -1)));
            if (missing.isEmpty()) {
                return Uni.createFrom().item(found);
            }
            return db.sql().preparedQuery("INSERT INTO account (ref, kind, org_id, user_id) "
                    + "SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[]) ON CONFLICT (ref) DO NOTHING")
                    .execute(Tuple.of(missing.stream().map(AccountKey::ref).toArray(String[]::new),
                            missing.stream().map(s -> s.kind().name()).toArray(String[]::new),
                            missing.stream().map(AccountKey::orgId).toArray(UUID[]::new),
                            missing.stream().map(AccountKey::userId).toArray(String[]::new)))
                    .chain(() -> select(db, missing.stream().map(AccountKey::ref).toArray(String[]::new), true))
                    .map(created -> {
                        created.values().forEach(a -> a.created = true);
                        found.putAll(created);
                        return found;
                    });
        });
    }

    /** Every account of an org (pool and member balances, former members' included). */
    public Uni<List<AccountKey>> ofOrg(Db db, UUID orgId) {
        return db.sql().preparedQuery("SELECT ref, kind, org_id, user_id FROM account WHERE org_id = $1")
                .execute(Tuple.of(orgId)).map(rows -> {
                    List<AccountKey> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(new AccountKey(r.getString(0), AccountRef.Kind.valueOf(r.getString(1)),
                            r.getUUID(2), r.getString(3))));
                    return keys;
                });
    }

    /** The start of each org's current cycle, as an instant (00:00 UTC). */
    public Uni<Map<UUID, Instant>> cycleStarts(Db db, List<UUID> orgIds) {
        if (orgIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.sql().preparedQuery("SELECT org_id, cycle_start FROM org_view WHERE org_id = ANY($1)")
                .execute(Tuple.of(orgIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, Instant> starts = new HashMap<>();
                    rows.forEach(r -> starts.put(r.getUUID(0), r.getLocalDate(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
                    return starts;
                });
    }

    private static Account emptyAccount(AccountKey key, long placeholderId) {
        return new Account(placeholderId, key, 0, 0);
    }

    /**
     * For dry runs: the accounts as they are, unlocked, with missing ones as empty accounts in memory
     * only, so that a preview writes nothing at all.
     */
    public Uni<Map<String, Account>> peek(Db db, Collection<AccountKey> specs) {
        String[] refs = specs.stream().map(AccountKey::ref).distinct().toArray(String[]::new);
        return select(db, refs, false).map(accounts -> {
            long placeholder = -1;
            for (AccountKey spec : specs) {
                if (!accounts.containsKey(spec.ref())) {
                    accounts.put(spec.ref(), emptyAccount(spec, placeholder--));
                }
            }
            return accounts;
        });
    }

    /**
     * The accounts, locked in id order ({@code forUpdate}), then their auto top-ups and open lots, in
     * three statements sent together (pipelined: one round trip). The later two run after the lock is
     * held, each with a snapshot of its own, so they see what the transaction the lock waited for
     * committed; joined into the locking statement they could be the rows from before it (a statement
     * that waited for a row lock re-reads only the locked rows).
     */
    private Uni<Map<String, Account>> select(Db db, String[] refs, boolean forUpdate) {
        Uni<RowSet<Row>> accountRows = db.sql().preparedQuery("SELECT id, ref, kind, org_id, user_id, balance, reserved, "
                + "cycle_in FROM account WHERE ref = ANY($1) ORDER BY id" + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(refs));
        Uni<RowSet<Row>> autoTopUps = db.sql().preparedQuery("SELECT t.account_id, t.threshold, t.amount, "
                + "t.per_cycle_limit, t.fired, t.cycle_start, t.armed, (SELECT count(*) FROM top_up_request r "
                + "WHERE r.account_ref = a.ref AND r.status = 'AWAITING_PAYMENT') FROM auto_top_up t "
                + "JOIN account a ON a.id = t.account_id WHERE a.ref = ANY($1)")
                .execute(Tuple.of(refs));
        Uni<RowSet<Row>> lots = db.sql().preparedQuery("SELECT l.id, l.account_id, l.kind, l.expires_at, l.remaining, "
                + "l.created_at FROM lot l JOIN account a ON a.id = l.account_id WHERE a.ref = ANY($1) AND l.remaining > 0")
                .execute(Tuple.of(refs));
        return Uni.combine().all().unis(accountRows, autoTopUps, lots).with((rows, settings, lotRows) -> {
            Map<String, Account> accounts = new HashMap<>();
            Map<Long, Account> byId = new HashMap<>();
            for (Row r : rows) {
                Account account = new Account(r.getLong(0), new AccountKey(r.getString(1),
                        AccountRef.Kind.valueOf(r.getString(2)), r.getUUID(3), r.getString(4)), r.getLong(5),
                        r.getLong(6));
                account.cycleIn = r.getLong(7);
                accounts.put(account.ref, account);
                byId.put(account.id, account);
            }
            for (Row t : settings) {
                Account account = byId.get(t.getLong(0));
                if (account != null) {
                    account.autoTopUp = new Account.AutoTopUp(t.getLong(1), t.getLong(2), t.getInteger(3),
                            t.getInteger(4), t.getLocalDate(5), t.getBoolean(6), t.getLong(7).intValue());
                }
            }
            for (Row r : lotRows) {
                Account account = byId.get(r.getLong(1));
                if (account != null) {
                    account.lots.add(new Lot(r.getUUID(0), account.id, LotKind.valueOf(r.getString(2)),
                            instant(r.getOffsetDateTime(3)), instant(r.getOffsetDateTime(5)), r.getLong(4), false));
                }
            }
            byId.values().forEach(a -> BurnOrder.sort(a.lots));
            return accounts;
        });
    }

    /**
     * What a transaction's postings changed: journal rows, lots and accounts, in a few multi-row
     * statements, plus {@code more} (the use case's own writes, the outbox), all sent together: the
     * connection pipelines them, so they cost one round trip. PostgreSQL runs them in the order sent;
     * if one fails, the rest fail with it and the transaction rolls back.
     */
    public Uni<Void> write(Db db, Postings postings, List<Account> changedAccounts, List<Uni<Void>> more) {
        Writes w = new Writes(postings.transactions().stream().map(tx -> new Object[] { tx.id(), tx.orgId(),
                tx.type().name(), tx.amount(), tx.actor(), tx.reason(), tx.reverses(), json(tx.details()),
                offset(tx.at()), postings.isReversible(tx) }).toList(), postings.createdLots(), postings.changedLots(),
                postings.entries().stream().map(e -> new Object[] { e.txId(), e.accountId(), e.lotId(), e.amount() })
                        .toList(), changedAccounts);
        List<Uni<Void>> statements = new ArrayList<>();
        if (!w.transactions().isEmpty()) {
            statements.add(db.sql().preparedQuery("INSERT INTO journal_tx "
                    + "(id, org_id, type, amount, actor, reason, reverses, details, created_at, reversible) "
                    + "SELECT id, org_id, type, amount, actor, reason, reverses, details::jsonb, created_at, reversible "
                    + "FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::uuid[], "
                    + "$8::text[], $9::timestamptz[], $10::bool[]) "
                    + "AS t(id, org_id, type, amount, actor, reason, reverses, details, created_at, reversible)")
                    .execute(columns(w.transactions(), UUID.class, UUID.class, String.class, Long.class, String.class,
                            String.class, UUID.class, String.class, OffsetDateTime.class, Boolean.class))
                    .replaceWithVoid());
        }
        if (!w.createdLots().isEmpty()) {
            List<Lot> lots = w.createdLots();
            statements.add(db.sql().preparedQuery("INSERT INTO lot (id, account_id, kind, expires_at, remaining, "
                    + "created_at) SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], "
                    + "$5::bigint[], $6::timestamptz[])")
                    .execute(Tuple.of(lots.stream().map(l -> l.id).toArray(UUID[]::new),
                            lots.stream().map(l -> l.accountId).toArray(Long[]::new),
                            lots.stream().map(l -> l.kind.name()).toArray(String[]::new),
                            lots.stream().map(l -> offset(l.expiresAt)).toArray(OffsetDateTime[]::new),
                            lots.stream().map(l -> l.remaining).toArray(Long[]::new),
                            lots.stream().map(l -> offset(l.createdAt)).toArray(OffsetDateTime[]::new)))
                    .replaceWithVoid());
        }
        if (!w.changedLots().isEmpty()) {
            List<Lot> lots = w.changedLots();
            statements.add(db.sql().preparedQuery("UPDATE lot SET remaining = v.remaining FROM "
                    + "unnest($1::uuid[], $2::bigint[]) AS v(id, remaining) WHERE lot.id = v.id")
                    .execute(Tuple.of(lots.stream().map(l -> l.id).toArray(UUID[]::new),
                            lots.stream().map(l -> l.remaining).toArray(Long[]::new)))
                    .replaceWithVoid());
        }
        if (!w.entries().isEmpty()) {
            statements.add(db.sql().preparedQuery("INSERT INTO journal_entry (tx_id, account_id, lot_id, amount) "
                    + "SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::bigint[])")
                    .execute(columns(w.entries(), UUID.class, Long.class, UUID.class, Long.class)).replaceWithVoid());
        }
        List<Account> autoTopUps = w.changedAccounts().stream().filter(a -> a.autoTopUp != null && a.autoTopUp.changed)
                .toList();
        if (!autoTopUps.isEmpty()) {
            statements.add(db.sql().preparedQuery("UPDATE auto_top_up SET fired = v.fired, cycle_start = v.cycle_start, "
                    + "armed = v.armed FROM unnest($1::bigint[], $2::int[], $3::date[], $4::bool[]) "
                    + "AS v(id, fired, cycle_start, armed) WHERE auto_top_up.account_id = v.id")
                    .execute(Tuple.of(autoTopUps.stream().map(a -> a.id).toArray(Long[]::new),
                            autoTopUps.stream().map(a -> a.autoTopUp.fired).toArray(Integer[]::new),
                            autoTopUps.stream().map(a -> a.autoTopUp.cycleStart).toArray(java.time.LocalDate[]::new),
                            autoTopUps.stream().map(a -> a.autoTopUp.armed).toArray(Boolean[]::new)))
                    .replaceWithVoid());
        }
        if (!w.changedAccounts().isEmpty()) {
            List<Account> accounts = w.changedAccounts();
            statements.add(db.sql().preparedQuery("UPDATE account SET balance = v.balance, reserved = v.reserved, "
                    + "cycle_in = v.cycle_in FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) "
                    + "AS v(id, balance, reserved, cycle_in) WHERE account.id = v.id")
                    .execute(Tuple.of(accounts.stream().map(a -> a.id).toArray(Long[]::new),
                            accounts.stream().map(a -> a.balance).toArray(Long[]::new),
                            accounts.stream().map(a -> a.reserved).toArray(Long[]::new),
                            accounts.stream().map(a -> a.cycleIn).toArray(Long[]::new)))
                    .replaceWithVoid());
        }
        statements.addAll(more);
        return statements.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(statements).andFailFast().replaceWithVoid();
    }

    private record Writes(List<Object[]> transactions, List<Lot> createdLots, List<Lot> changedLots,
            List<Object[]> entries, List<Account> changedAccounts) {
    }

    private String json(Object details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Turns rows into one tuple of typed column arrays, for unnest(). */
    public static Tuple columns(List<Object[]> rows, Class<?>... types) {
        List<Object> arrays = new ArrayList<>(types.length);
        for (int col = 0; col < types.length; col++) {
            Object[] column = (Object[]) java.lang.reflect.Array.newInstance(types[col], rows.size());
            for (int i = 0; i < rows.size(); i++) {
                column[i] = rows.get(i)[col];
            }
            arrays.add(column);
        }
        return Tuple.from(arrays);
    }

    public static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
