package dev.teamcredits.ledger.domain;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A holder account locked in a unit of work, with its open lots in burn order.
 *
 * <p>Expiry is absolute: credits of a lot whose expiry is at or before {@link #validAfter} are past
 * expiry and are never drawn. They stay in the account only while open holds need them (a hold
 * is backed by past-expiry credits first), so {@link #available()} is always made of valid credits.
 */
public final class Account {

    public final long id;
    public final AccountKey key;
    public final String ref;
    public final AccountRef.Kind kind;
    public final UUID orgId;
    public final String userId;
    public long balance;
    public long reserved;
    public final List<Lot> lots = new ArrayList<>();
    /** Available credits when locked, to notice crossing the low-balance threshold. */
    public final long availableAtLock;
    public boolean changed;
    /** Created by this unit of work (a personal balance is then owed its free credits). */
    public boolean created;
    /** This account's auto top-up, if it has one ({@link AutoTopUpPolicy}). */
    public AutoTopUp autoTopUp;
    /** Credits that entered the account in its org's current cycle (the pool's "total this cycle"). */
    public long cycleIn;
    /** Changed in the current step (one spend of a batch, one transfer…): the step's policies look at it. */
    public boolean stepChanged;
    /**
     * Lots expiring at or before this instant are past expiry: the later of now and the start of the
     * org's current cycle (after an early close, the closed cycle's credits are past expiry already).
     */
    public Instant validAfter;
    /**
     * Lots expiring at or before this instant were dealt with by a cycle close, which kept them only
     * for open holds: once no hold needs them they expire at once. Null for personal balances.
     */
    public Instant closedBefore;

    /** An account's auto top-up setting and its state this cycle; {@link AutoTopUpPolicy} fires it. */
    public static final class AutoTopUp {
        public final long threshold;
        public final long amount;
        public final int perCycleLimit;
        public int fired;
        public java.time.LocalDate cycleStart;
        public boolean armed;
        public boolean changed;
        /** Top-up requests of the account still awaiting payment (made by hand or by this setting). */
        public int openRequests;

        public AutoTopUp(long threshold, long amount, int perCycleLimit, int fired, java.time.LocalDate cycleStart,
                boolean armed, int openRequests) {
            this.threshold = threshold;
            this.amount = amount;
            this.perCycleLimit = perCycleLimit;
            this.fired = fired;
            this.cycleStart = cycleStart;
            this.armed = armed;
            this.openRequests = openRequests;
        }
    }

    public Account(long id, AccountKey key, long balance, long reserved) {
        this.id = id;
        this.key = key;
        this.ref = key.ref();
        this.kind = key.kind();
        this.orgId = key.orgId();
        this.userId = key.userId();
        this.balance = balance;
        this.reserved = reserved;
        this.availableAtLock = balance - reserved;
    }

    /**
     * Credits that can be spent, reserved or transferred: valid credits not backing a hold. Holds are
     * backed by past-expiry credits first, since those can serve nothing else.
     */
    public long available() {
        long past = pastExpiry();
        return Math.max(0, balance - past - Math.max(0, reserved - past));
    }

    /** Credits past their lot's expiry (still here because holds need them, or awaiting the close). */
    public long pastExpiry() {
        long past = 0;
        for (Lot lot : lots) {
            if (isPastExpiry(lot)) {
                past += lot.remaining;
            }
        }
        return past;
    }

    public boolean isPastExpiry(Lot lot) {
        return lot.expiresAt != null && validAfter != null && !lot.expiresAt.isAfter(validAfter);
    }

    /** Past expiry and already closed over: nothing but a hold may keep it. */
    public boolean isClosedOver(Lot lot) {
        return lot.expiresAt != null && closedBefore != null && !lot.expiresAt.isAfter(closedBefore);
    }

    /**
     * How many closed-over credits no hold needs any more (after holds ended): they must expire now.
     * Holds are backed by past-expiry credits first (as {@link #available()} counts them), so this is
     * what past-expiry credits exceed the reserved ones by; credits awaiting a close go last.
     */
    public long closedOverExcess() {
        long closed = 0;
        long pending = 0;
        for (Lot lot : lots) {
            if (isClosedOver(lot)) {
                closed += lot.remaining;
            } else if (isPastExpiry(lot)) {
                pending += lot.remaining;
            }
        }
        return Math.max(0, closed - Math.max(0, reserved - pending));
    }

    public AccountRef asRef() {
        return new AccountRef(kind, kind == AccountRef.Kind.POOL ? null : userId);
    }

    public BalanceView view() {
        return new BalanceView(asRef(), balance, reserved, available());
    }

    /** Marks a change of balance or reserved: written at the end, and looked at by the step's policies. */
    public void touch() {
        changed = true;
        stepChanged = true;
    }

    /**
     * Which credits are past expiry now: lots ending at or before the later of {@code now} and the start
     * of the org's current cycle (null for a personal balance), and closed over by that cycle's start.
     */
    public void asOf(Instant cycleStart, Instant now) {
        closedBefore = cycleStart;
        validAfter = cycleStart == null || now.isAfter(cycleStart) ? now : cycleStart;
    }

    /** Credits of one kind and expiry (lots of the same kind and expiry summed). */
    public record Credits(LotKind kind, Instant expiresAt, long remaining) {
    }

    /** The account's credits by kind and expiry, in burn order: what is spent first comes first. */
    public List<Credits> creditsByKindAndExpiry() {
        List<Credits> credits = new ArrayList<>();
        for (Lot lot : lots) {
            Credits last = credits.isEmpty() ? null : credits.get(credits.size() - 1);
            if (last != null && last.kind() == lot.kind && java.util.Objects.equals(last.expiresAt(), lot.expiresAt)) {
                credits.set(credits.size() - 1, new Credits(lot.kind, lot.expiresAt, last.remaining() + lot.remaining));
            } else if (lot.remaining > 0) {
                credits.add(new Credits(lot.kind, lot.expiresAt, lot.remaining));
            }
        }
        return credits;
    }

    /** Adds a lot, keeping the lots in burn order. */
    public void addLot(Lot lot) {
        lots.add(lot);
        BurnOrder.sort(lots);
    }
}
