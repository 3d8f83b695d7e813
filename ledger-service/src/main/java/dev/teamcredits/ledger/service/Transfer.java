package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;

/**
 * A transfer (or reversal, or preview) as a use case answers it, with both balances after it.
 *
 * @param transactionId null for a preview
 * @param reversalOf    the transfer this one claws back, if any
 */
public record Transfer(UUID transactionId, boolean preview, long amount, String reason, UUID reversalOf,
        BalanceView from, BalanceView to, Instant at) {
}
