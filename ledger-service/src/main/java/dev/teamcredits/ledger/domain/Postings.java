package dev.teamcredits.ledger.domain;

import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.TransferCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The double-entry postings of one database transaction, made in memory on locked accounts and
 * written at the end. Every posting is balanced: what a holder account loses lot by lot, another
 * account or a system account (issuance, purchases, grants, spent, expired) gains; {@link #checkBalanced()} proves it
 * before anything is written. Credits past their lot's expiry are never drawn. The events of the
 * postings are collected for the outbox.
 */
public final class Postings {

    /** A journal transaction; its entries are added by the posting methods. */
    public record Tx(UUID id, UUID orgId, TransactionType type, long amount, String actor, String reason,
            UUID reverses, Map<String, Object> details, Instant at) {
    }

    /** One line of a transaction: an account (and the lot it created or drew from) gains or loses credits. */
    public record Entry(UUID txId, long accountId, UUID lotId, long amount) {
    }

    /** Credits taken from one lot. */
    public record Portion(Lot lot, long amount) {
    }

    public final Instant now;
    private final SystemAccounts system;
    private final List<Tx> transactions = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Lot> createdLots = new ArrayList<>();
    private final Set<Lot> touchedLots = new LinkedHashSet<>();
    private final List<LedgerEvent> events = new ArrayList<>();
    private final Set<UUID> reversible = new HashSet<>();
    private final List<TopUpRequest> requests = new ArrayList<>();

    /** How long a top-up request made here waits for the billing backend before it expires. */
    private final Duration requestTtl;

    public Postings(SystemAccounts system, Instant now, Duration requestTtl) {
        this.system = system;
        this.now = now;
        this.requestTtl = requestTtl;
    }

    public Tx begin(TransactionType type, UUID orgId, long amount, String actor, String reason, UUID reverses,
            Map<String, Object> details) {
        Tx tx = new Tx(UUID.randomUUID(), orgId, type, amount, actor, reason, reverses, details, now);
        transactions.add(tx);
        return tx;
    }

    /** Sets a transaction's headline amount once its postings are known. */
    public void setAmount(Tx tx, long amount) {
        transactions.set(transactions.indexOf(tx), new Tx(tx.id(), tx.orgId(), tx.type(), amount, tx.actor(),
                tx.reason(), tx.reverses(), tx.details(), tx.at()));
    }

    /** Takes {@code amount} of {@code from}'s available credits, lot by lot in burn order, never past-expiry ones. */
    public List<Portion> draw(Tx tx, Account from, long amount) {
        long limit = from.available();
        if (amount <= 0 || amount > limit) {
            throw new IllegalStateException("draw of " + amount + " from " + from.ref + " with " + limit);
        }
        List<Portion> portions = new ArrayList<>();
        long left = amount;
        for (Lot lot : from.lots) {
            long take = from.isPastExpiry(lot) ? 0 : Math.min(left, lot.remaining);
            if (take > 0) {
                portions.add(take(tx, from, lot, take));
                left -= take;
            }
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
     * Takes everything left in {@code from}, valid or past expiry: for a departing member, whose credits
     * must all go back to the pool (where a close deals with expired ones) rather than be stranded.
     */
    public List<Portion> drawAll(Tx tx, Account from) {
        if (from.reserved != 0) {
            throw new IllegalStateException(from.ref + " still has holds");
        }
        List<Portion> portions = new ArrayList<>();
        for (Lot lot : from.lots) {
            portions.add(take(tx, from, lot, lot.remaining));
        }
        from.lots.clear();
        from.balance = 0;
        from.touch();
        return portions;
    }

    private Portion take(Tx tx, Account from, Lot lot, long amount) {
        lot.remaining -= amount;
        touchedLots.add(lot);
        entries.add(new Entry(tx.id(), from.id, lot.id, -amount));
        return new Portion(lot, amount);
    }

    /** Puts drawn portions into {@code to} as lots of the same kind and expiry: lots move, they do not change. */
    public void deposit(Tx tx, Account to, List<Portion> portions) {
        long amount = 0;
        for (Portion p : portions) {
            Lot lot = newLot(to, p.lot().kind, p.lot().expiresAt, p.amount());
            entries.add(new Entry(tx.id(), to.id, lot.id, p.amount()));
            amount += p.amount();
        }
        to.balance += amount;
        to.cycleIn += amount;
        to.touch();
    }

    /**
     * A purchase the billing backend recorded: {@code amount} credits arrive as a {@code TOP_UP} lot (never
     * expiring) from the purchases system account, announced as PurchaseCompleted.
     */
    public Tx purchase(Account to, long amount, Purchase purchase, String actor) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("account", to.asRef());
        details.put("purchaseId", purchase.id());
        details.put("paymentReference", purchase.paymentReference());
        if (purchase.requestId() != null) {
            details.put("topUpRequestId", purchase.requestId());
        }
        Tx tx = begin(TransactionType.PURCHASE, to.orgId, amount, actor, null, null, details);
        arrive(tx, to, amount, system.purchases());
        emit(new PurchaseCompleted(to.orgId, purchase.id(), tx.id(), purchase.requestId(), to.asRef(), amount,
                purchase.paymentReference(), purchase.price(), purchase.currency(), purchase.requestedBy(), to.view(),
                actor, now));
        return tx;
    }

    /** What the billing backend said of a purchase: its id here, the payment, and the request it completes. */
    public record Purchase(UUID id, String paymentReference, UUID requestId, Long price, String currency,
            String requestedBy) {
    }

    /**
     * An operator's grant with its reason: a {@code TOP_UP} lot (never expiring) from the grants system account,
     * announced as OperatorGranted.
     */
    public Tx operatorGrant(Account to, long amount, String reason, String operator) {
        Tx tx = begin(TransactionType.GRANT, to.orgId, amount, operator, reason, null,
                Map.of("account", to.asRef(), "lotKind", LotKind.TOP_UP.name(), "grantedBy", operator));
        arrive(tx, to, amount, system.grants());
        emit(new OperatorGranted(to.orgId, tx.id(), to.asRef(), amount, reason, to.view(), operator, now));
        return tx;
    }

    private void arrive(Tx tx, Account to, long amount, long fromSystem) {
        Lot lot = newLot(to, LotKind.TOP_UP, null, amount);
        entries.add(new Entry(tx.id(), to.id, lot.id, amount));
        entries.add(new Entry(tx.id(), fromSystem, null, -amount));
        to.balance += amount;
        to.cycleIn += amount;
        to.touch();
    }

    /**
     * Asks the billing backend for {@code amount} credits for {@code account}: no credits move; the request is
     * written and announced with the transaction.
     */
    public TopUpRequest requestTopUp(AccountKey account, long amount, String requestedBy, boolean automatic) {
        TopUpRequest request = new TopUpRequest(UUID.randomUUID(), account.ref(), account.orgId(), account.asRef(),
                amount, requestedBy, automatic, now, now.plus(requestTtl));
        requests.add(request);
        emit(new TopUpRequested(account.orgId(), request.id(), account.asRef(), amount, requestedBy, automatic,
                request.expiresAt(), now));
        return request;
    }

    /** A top-up request made in this transaction. */
    public record TopUpRequest(UUID id, String accountRef, UUID orgId, AccountRef account, long amount,
            String requestedBy, boolean automatic, Instant createdAt, Instant expiresAt) {
    }

    public List<TopUpRequest> requests() {
        return requests;
    }

    /** The plan's credits (allocation, free credits) from the issuance account, announced as CreditsGranted. */
    public Tx grant(Account to, long amount, LotKind kind, Instant expiresAt, String reason, String actor) {
        Tx tx = begin(TransactionType.GRANT, to.orgId, amount, actor, reason, null,
                Map.of("account", to.asRef(), "lotKind", kind.name()));
        Lot lot = newLot(to, kind, expiresAt, amount);
        entries.add(new Entry(tx.id(), to.id, lot.id, amount));
        entries.add(new Entry(tx.id(), system.issuance(), null, -amount));
        to.balance += amount;
        to.cycleIn += amount;
        to.touch();
        emit(new CreditsGranted(to.orgId, tx.id(), to.asRef(), amount, reason, kind.name(), expiresAt, to.view(), actor,
                now));
        return tx;
    }

    /**
     * Moves {@code amount} from {@code from} to {@code to} (lots keep their kind and expiry), announced as
     * TransferCompleted. Only a {@code reversible} one (an admin's) may be reversed later.
     */
    public Tx transfer(Account from, Account to, long amount, String reason, UUID reverses, String actor,
            String actorName, boolean reversible) {
        Tx tx = beginTransfer(from, to, amount, reason, reverses, actor);
        deposit(tx, to, draw(tx, from, amount));
        return completeTransfer(tx, from, to, actorName, reversible);
    }

    /** Moves everything {@code from} holds to {@code to} (a departing member's sweep); not reversible. */
    public Tx transferAll(Account from, Account to, String reason, String actor, String actorName) {
        Tx tx = beginTransfer(from, to, from.balance, reason, null, actor);
        deposit(tx, to, drawAll(tx, from));
        return completeTransfer(tx, from, to, actorName, false);
    }

    private Tx beginTransfer(Account from, Account to, long amount, String reason, UUID reverses, String actor) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", from.asRef());
        details.put("to", to.asRef());
        return begin(TransactionType.TRANSFER, from.orgId, amount, actor, reason, reverses, details);
    }

    private Tx completeTransfer(Tx tx, Account from, Account to, String actorName, boolean reversible) {
        if (reversible) {
            this.reversible.add(tx.id());
        }
        emit(new TransferCompleted(from.orgId, tx.id(), from.asRef(), to.asRef(), tx.amount(), tx.reason(), tx.actor(),
                actorName, tx.reverses(), from.view(), to.view(), now));
        return tx;
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
        touchedLots.add(lot);
        account.balance -= amount;
        account.touch();
        entries.add(new Entry(tx.id(), account.id, lot.id, -amount));
        entries.add(new Entry(tx.id(), system.expired(), null, amount));
        account.lots.removeIf(l -> l.remaining == 0);
    }

    /**
     * After holds ended: credits a cycle close kept past their expiry only for holds, and that no hold
     * needs any more, expire now (one EXPIRY transaction). Returns how many.
     */
    public long expireUnheld(Account account) {
        long excess = account.closedOverExcess();
        if (excess == 0) {
            return 0;
        }
        Tx tx = begin(TransactionType.EXPIRY, account.orgId, excess, "system", "expired", null,
                Map.of("account", account.asRef()));
        long left = excess;
        for (Lot lot : new ArrayList<>(account.lots)) {
            if (left > 0 && account.isClosedOver(lot)) {
                long amount = Math.min(left, lot.remaining);
                expire(tx, account, lot, amount);
                left -= amount;
            }
        }
        emit(new CreditsExpired(account.orgId, tx.id(), account.asRef(), excess, "SUBSCRIPTION/ROLLOVER",
                account.view(), now));
        return excess;
    }

    /** Turns portions of lots into one ROLLOVER lot of the same account ending at {@code expiresAt}. */
    public void rollOver(Tx tx, Account account, List<Portion> portions, Instant expiresAt) {
        long total = 0;
        for (Portion p : portions) {
            p.lot().remaining -= p.amount();
            touchedLots.add(p.lot());
            entries.add(new Entry(tx.id(), account.id, p.lot().id, -p.amount()));
            total += p.amount();
        }
        account.lots.removeIf(l -> l.remaining == 0);
        Lot lot = newLot(account, LotKind.ROLLOVER, expiresAt, total);
        entries.add(new Entry(tx.id(), account.id, lot.id, total));
        account.touch();
    }

    /** Holds available credits for a reservation: they stay in the account but are no longer available. */
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
        to.addLot(lot);
        return lot;
    }

    /** Fails unless every transaction's entries sum to zero: double entry is checked before anything is written. */
    public void checkBalanced() {
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

    public List<Tx> transactions() {
        return transactions;
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<Lot> createdLots() {
        return createdLots;
    }

    /** Existing (not newly created) lots whose remaining credits changed. */
    public List<Lot> changedLots() {
        return touchedLots.stream().filter(l -> !l.created).toList();
    }

    public List<LedgerEvent> events() {
        return events;
    }

    public boolean isReversible(Tx tx) {
        return reversible.contains(tx.id());
    }
}
