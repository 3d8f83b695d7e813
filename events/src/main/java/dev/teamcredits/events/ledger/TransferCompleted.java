package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin moved credits between the pool and member balances (or the ledger swept a leaving
 * member's balance back to the pool, reason "member removed").
 *
 * @param reversalOf the transfer this one claws back, if any
 */
@EventType(name = "ledger.transfer.completed", version = 1)
public record TransferCompleted(UUID orgId, UUID transactionId, AccountRef from, AccountRef to, long amount,
        String reason, String actor, String actorName, UUID reversalOf, BalanceView fromAfter, BalanceView toAfter,
        Instant at) implements LedgerEvent {
}
