package dev.teamcredits.ledger.domain;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A holder account locked in a unit of work, with its open lots in burn order. */
public final class Account {

    public final long id;
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
    /** This account's auto top-up, if it has one. */
    public AutoTopUp autoTopUp;

    /**
     * Refills the account when its available credits drop below {@code threshold}: once per drop
     * (re-armed when back at or above it), at most {@code perCycleLimit} times per cycle.
     */
    public static final class AutoTopUp {
        public final long threshold;
        public final long amount;
        public final int perCycleLimit;
        public int fired;
        public java.time.LocalDate cycleStart;
        public boolean armed;
        public boolean changed;

        public AutoTopUp(long threshold, long amount, int perCycleLimit, int fired, java.time.LocalDate cycleStart,
                boolean armed) {
            this.threshold = threshold;
            this.amount = amount;
            this.perCycleLimit = perCycleLimit;
            this.fired = fired;
            this.cycleStart = cycleStart;
            this.armed = armed;
        }
    }

    public Account(long id, String ref, AccountRef.Kind kind, UUID orgId, String userId, long balance, long reserved) {
        this.id = id;
        this.ref = ref;
        this.kind = kind;
        this.orgId = orgId;
        this.userId = userId;
        this.balance = balance;
        this.reserved = reserved;
        this.availableAtLock = balance - reserved;
    }

    public long available() {
        return balance - reserved;
    }

    public AccountRef asRef() {
        return new AccountRef(kind, kind == AccountRef.Kind.POOL ? null : userId);
    }

    public BalanceView view() {
        return new BalanceView(asRef(), balance, reserved, available());
    }

    public static String poolRef(UUID orgId) {
        return "POOL:" + orgId;
    }

    public static String memberRef(UUID orgId, String userId) {
        return "MEMBER:" + orgId + ":" + userId;
    }

    public static String personalRef(String userId) {
        return "PERSONAL:" + userId;
    }

    /** The ref of an event's account name within {@code orgId}. */
    public static String ref(UUID orgId, AccountRef account) {
        return switch (account.kind()) {
            case POOL -> poolRef(orgId);
            case MEMBER -> memberRef(orgId, account.userId());
            case PERSONAL -> personalRef(account.userId());
        };
    }
}
