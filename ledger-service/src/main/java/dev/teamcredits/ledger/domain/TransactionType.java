package dev.teamcredits.ledger.domain;

/** The kinds of journal transactions (the history's {@code type}). */
public enum TransactionType {
    /** Credits from outside that nobody paid for here: the plan's allocation, free credits, an operator's grant. */
    GRANT,
    /** Credits bought: a purchase the billing backend recorded. */
    PURCHASE,
    /** Between an org's pool and member balances: admin transfers, reversals, sweeps, recurring allocations. */
    TRANSFER,
    /** Credits leave for an action (a spend, or a reservation's capture). */
    SPEND,
    /** Credits past their lot's expiry leave. */
    EXPIRY,
    /** Subscription credits become a ROLLOVER lot of the same account. */
    ROLLOVER
}
