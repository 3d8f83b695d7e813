package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.Lot;
import dev.teamcredits.ledger.domain.LotKind;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The money changes of one database transaction, made in memory on locked accounts and written
 * at the end in a few multi-row statements. Every posting is double entry: what a holder account
 * loses a lot at a time, another account or a system account (issuance, spent, expired) gains.
 */
public final class UnitOfWork {

    /** A journal transaction; its entries are added by the posting methods. */
    public record Tx(UUID id, UUID orgId, String type, long amount, String actor, String reason, UUID reverses,
            Map<String, Object> details, Instant at) {
    }

    public record Entry(UUID txId, long accountId, UUID lotId, long amount) {
    }

    /** Credits taken from one lot. */
    public record Portion(Lot lot, long amount) {
    }

    public final SqlConnection connection;
    public final Instant now;
    private final SystemAccounts system;
    final Map<String, Account> accounts = new HashMap<>();
    final List<Tx> transactions = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();
    final List<Lot> createdLots = new ArrayList<>();
    final List<LedgerEvent> events = new ArrayList<>();
    /** Transfers an admin made: the only ones that may be reversed. */
    final java.util.Set<UUID> reversible = new java.util.HashSet<>();
    /** Lots whose remaining credits changed (created ones are written as inserts instead). */
    private final java.util.Set<Lot> touched = new java.util.LinkedHashSet<>();

    /** A dry run (preview): accounts are read, not locked or created, and nothing is written. */
    final boolean dryRun;

    UnitOfWork(SqlConnection connection, SystemAccounts system, Instant now, boolean dryRun) {
        this.connection = connection;
        this.system = system;
        this.now = now;
        this.dryRun = dryRun;
    }

    /** A locked account of this unit of work. */
    public Account account(String ref) {
        Account account = accounts.get(ref);
        if (account == null) {
            throw new IllegalStateException(ref + " was not locked in this unit of work");
        }
        return account;
    }

    public Tx begin(String type, UUID orgId, long amount, String actor, String reason, UUID reverses,
            Map<String, Object> details) {
        Tx tx = new Tx(UUID.randomUUID(), orgId, type, amount, actor, reason, reverses, details, now);
        transactions.add(tx);
        return tx;
    }

    /**
     * Takes {@code amount} of {@code from}'s available credits, lot by lot in burn order. Credits past
     * their expiry are never drawn, whatever has or has not expired them yet.
     */
    public List<Portion> draw(Tx tx, Account from, long amount) {
        long limit = from.available();
        if (amount <= 0 || amount > limit) {
            throw new IllegalStateException("draw of " + amount + " from " + from.ref + " with " + limit);
        }
        List<Portion> portions = new ArrayList<>();
        long left = amount;
        for (Lot lot : from.lots) {
            if (left == 0) {
                break;
            }
            long take = from.isPastExpiry(lot) ? 0 : Math.min(left, lot.remaining);
            if (take == 0) {
                continue;
            }
            lot.remaining -= take;
            touched.add(lot);
            left -= take;
            portions.add(new Portion(lot, take));
            entries.add(new Entry(tx.id(), from.id, lot.id, -take));
        }
        if (left != 0) {
            throw new IllegalStateException(from.ref + " lots do not cover its available credits");
        }
        from.lots.removeIf(l -> l.remaining == 0);
        from.balance -= amount;
        from.touch();
        return portions;
    }

    /**
     * Takes everything left in {@code from}, valid or past expiry, lot by lot: for the sweep of a
     * departing member, whose credits must all return to the pool (where a close deals with the
     * expired ones) rather than be stranded. Its holds must have ended.
     */
    public List<Portion> drawAll(Tx tx, Account from) {
        if (from.reserved != 0) {
            throw new IllegalStateException(from.ref + " still has holds");
        }
        List<Portion> portions = new ArrayList<>();
        for (Lot lot : from.lots) {
            portions.add(new Portion(lot, lot.remaining));
            entries.add(new Entry(tx.id(), from.id, lot.id, -lot.remaining));
            lot.remaining = 0;
            touched.add(lot);
        }
        from.lots.clear();
        from.balance = 0;
        from.touch();
        return portions;
    }

    /** Puts drawn portions into {@code to} as lots of the same kind and expiry: lots move, they do not change. */
    public void deposit(Tx tx, Account to, List<Portion> portions) {
        for (Portion p : portions) {
            Lot lot = newLot(to, p.lot().kind, p.lot().expiresAt, p.amount());
            entries.add(new Entry(tx.id(), to.id, lot.id, p.amount()));
        }
        long amount = portions.stream().mapToLong(Portion::amount).sum();
        to.balance += amount;
        to.cycleIn += amount;
        to.touch();
    }

    /** Credits from outside (subscription, top-up, free credits): issuance takes the other side. */
    public Lot grant(Tx tx, Account to, long amount, LotKind kind, Instant expiresAt) {
        Lot lot = newLot(to, kind, expiresAt, amount);
        entries.add(new Entry(tx.id(), to.id, lot.id, amount));
        entries.add(new Entry(tx.id(), system.issuance(), null, -amount));
        to.balance += amount;
        to.cycleIn += amount;
        to.touch();
        return lot;
    }

    /** Charges a spend: the credits leave {@code from} for the spent account. */
    public List<Portion> spend(Tx tx, Account from, long amount) {
        List<Portion> portions = draw(tx, from, amount);
        entries.add(new Entry(tx.id(), system.spent(), null, amount));
        return portions;
    }

    /** Expires credits of one lot. */
    public void expire(Tx tx, Account account, Lot lot, long amount) {
        lot.remaining -= amount;
        touched.add(lot);
        account.balance -= amount;
        account.touch();
        entries.add(new Entry(tx.id(), account.id, lot.id, -amount));
        entries.add(new Entry(tx.id(), system.expired(), null, amount));
        account.lots.removeIf(l -> l.remaining == 0);
    }

    /**
     * After holds ended: credits a cycle close kept past their expiry only for holds, and that no
     * hold needs any more, expire now (one EXPIRY transaction). Returns how many.
     */
    public long expireUnheld(Account account) {
        long excess = account.closedOverExcess();
        if (excess == 0) {
            return 0;
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("account", account.asRef());
        Tx tx = begin("EXPIRY", account.orgId, excess, "system", "expired", null, details);
        long left = excess;
        for (Lot lot : new ArrayList<>(account.lots)) {
            if (left == 0) {
                break;
            }
            if (account.isClosedOver(lot)) {
                long amount = Math.min(left, lot.remaining);
                expire(tx, account, lot, amount);
                left -= amount;
            }
        }
        emit(new dev.teamcredits.events.ledger.CreditsExpired(account.orgId, tx.id(), account.asRef(), excess,
                "SUBSCRIPTION/ROLLOVER", account.view(), now));
        return excess;
    }

    /**
     * Turns portions of SUBSCRIPTION lots into one ROLLOVER lot of the same account ending at
     * {@code expiresAt}: the entries move credits between two lots of one account.
     */
    public void rollOver(Tx tx, Account account, List<Portion> portions, Instant expiresAt) {
        long total = 0;
        for (Portion p : portions) {
            p.lot().remaining -= p.amount();
            touched.add(p.lot());
            entries.add(new Entry(tx.id(), account.id, p.lot().id, -p.amount()));
            total += p.amount();
        }
        account.lots.removeIf(l -> l.remaining == 0);
        Lot lot = newLot(account, LotKind.ROLLOVER, expiresAt, total);
        entries.add(new Entry(tx.id(), account.id, lot.id, total));
        account.touch();
    }

    /** Sets a transaction's headline amount once its postings are known. */
    public void setAmount(Tx tx, long amount) {
        if (tx != null) {
            transactions.set(transactions.indexOf(tx), new Tx(tx.id(), tx.orgId(), tx.type(), amount, tx.actor(),
                    tx.reason(), tx.reverses(), tx.details(), tx.at()));
        }
    }

    public void hold(Account account, long amount) {
        if (amount <= 0 || amount > account.available()) {
            throw new IllegalStateException("hold of " + amount + " on " + account.ref + " with " + account.available());
        }
        account.reserved += amount;
        account.touch();
    }

    public void unhold(Account account, long amount) {
        account.reserved -= amount;
        account.touch();
    }

    public void emit(LedgerEvent event) {
        events.add(event);
    }

    private Lot newLot(Account to, LotKind kind, Instant expiresAt, long amount) {
        Lot lot = new Lot(UUID.randomUUID(), to.id, kind, expiresAt, now, amount, true);
        createdLots.add(lot);
        to.lots.add(lot);
        to.lots.sort(Lot.BURN_ORDER);
        return lot;
    }

    /** Existing (not newly created) lots whose remaining credits changed. */
    List<Lot> changedLots() {
        return touched.stream().filter(l -> !l.created).toList();
    }

    /** Fails unless every transaction's entries sum to zero: double entry is checked before anything is written. */
    void checkBalanced() {
        Map<UUID, Long> sums = new HashMap<>();
        for (Entry e : entries) {
            sums.merge(e.txId(), e.amount(), Long::sum);
        }
        sums.forEach((tx, sum) -> {
            if (sum != 0) {
                throw new IllegalStateException("journal transaction " + tx + " does not balance: " + sum);
            }
        });
    }
}
