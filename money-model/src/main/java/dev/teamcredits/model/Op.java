package dev.teamcredits.model;

/**
 * Everything that can happen to the model's org, as data: the test generator produces these, the
 * harness sends them to the real ledger, and {@link MoneyModel#apply(Op)} says what must happen.
 * Users and accounts are named as in the API: {@code "pool"} or a user name (and {@code "personal:<user>"} where
 * an operation may name a personal balance). Ids of transfers, reservations, top-up requests and purchases are
 * the model's own ({@code T1}, {@code R1}, {@code Q1}, {@code P1}, …).
 */
public sealed interface Op {

    // ---- team facts, as the ledger learns them from team events (no caller checks, no answer) ----

    record Join(String user, Role role, boolean poolAccess, Long poolCap) implements Op {
    }

    record Leave(String user) implements Op {
    }

    record SetRole(String user, Role role) implements Op {
    }

    record SetPoolAccess(String user, boolean poolAccess) implements Op {
    }

    record SetPoolCap(String user, Long poolCap) implements Op {
    }

    record SetPersonalFallback(boolean enabled) implements Op {
    }

    record ChangePlan(long monthlyAllocation, boolean rollover) implements Op {
    }

    // ---- money (idempotent: caller + key) ----

    record Transfer(Who caller, String key, String from, String to, long amount, String reason) implements Op {
    }

    record Reverse(Who caller, String key, String transferId, Long amount, String reason) implements Op {
    }

    record Spend(Who caller, String key, String userId, String action, long quantity, Boolean resultValid) implements Op {
    }

    record Reserve(Who caller, String key, String userId, String action, Long quantity, Long amount, long ttlSeconds)
            implements Op {
    }

    record Capture(Who caller, String key, String reservationId, long amount) implements Op {
    }

    record Release(Who caller, String key, String reservationId) implements Op {
    }

    record CloseCycle(Who caller, String key) implements Op {
    }

    // ---- buying credits (idempotent: caller + key) ----

    /**
     * A user asks to buy credits: {@code account} is {@code "personal"} (the caller's own personal balance),
     * {@code "pool"} or a member's user name (an org admin, for the org).
     */
    record RequestTopUp(Who caller, String key, String account, long amount) implements Op {
    }

    /**
     * The billing backend records a purchase it took the payment for. {@code account} is named as in
     * {@link Acct#named} ({@code "pool"}, a member's user name, {@code "personal:<user>"}); null to take the
     * request's. {@code price} (minor units) and {@code currency} come both or neither.
     */
    record RecordPurchase(Who caller, String key, String paymentReference, String account, long amount,
                          String requestId, Long price, String currency) implements Op {
    }

    /** The billing backend declines a top-up request (the payment failed). */
    record DeclineTopUp(Who caller, String key, String requestId, String reason) implements Op {
    }

    /** An operator grants credits (goodwill, support, migration); {@code account} as in {@link RecordPurchase}. */
    record OperatorGrant(Who caller, String key, String account, long amount, String reason) implements Op {
    }

    // ---- not idempotent ----

    /** A transfer's dry run. */
    record Preview(Who caller, String from, String to, long amount, String reason) implements Op {
    }

    /** The system releases a reservation whose TTL passed (no-op unless it is still ACTIVE). */
    record ExpireReservation(String reservationId) implements Op {
    }

    /** The system expires a top-up request left unsettled past its time (no-op unless it is awaiting payment). */
    record ExpireTopUp(String requestId) implements Op {
    }

    record SetAutoTopUp(Who caller, String account, long threshold, long amount, int perCycleLimit) implements Op {
    }

    record DeleteAutoTopUp(Who caller, String account) implements Op {
    }

    record SetRecurring(Who caller, String user, String mode, long amount) implements Op {
    }

    record DeleteRecurring(Who caller, String user) implements Op {
    }

    enum Role {
        ADMIN, MEMBER
    }
}
