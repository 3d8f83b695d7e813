package dev.teamcredits.notification.domain;

import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;

/**
 * The pool's numbers right after a change, as a member's live stream shows a change that is not theirs:
 * the ledger shows every member the pool's balance, never the transactions of others.
 *
 * @param pool the pool's balance, reserved and available credits after the change
 * @param at   when the change happened
 */
public record PoolBalance(UUID orgId, BalanceView pool, Instant at) {

    /** The stream's type for it: not a CloudEvent type, since no event on our topics is published so. */
    public static final String TYPE = "dev.teamcredits.stream.pool-balance.v1";
}
