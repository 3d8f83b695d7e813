package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.SourceAmount;
import java.util.List;
import java.util.UUID;

/**
 * What a spend charged and from where, with the balances right after it (after the step's
 * policies). Stored with the spend's Idempotency-Key, so a retry answers the same.
 *
 * @param sources  pool, member balance and personal balance amounts, in the order they were drawn
 * @param personal null unless the org allows personal fallback
 */
public record Charge(UUID transactionId, String userId, String action, long quantity, long amount,
        List<SourceAmount> sources, BalanceView pool, BalanceView member, BalanceView personal) {
}
