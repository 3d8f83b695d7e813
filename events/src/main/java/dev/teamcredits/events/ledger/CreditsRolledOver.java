package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** On a rollover plan, unused subscription credits became a ROLLOVER lot expiring at the end of the next cycle. */
@EventType(name = "ledger.credits.rolled-over", version = 1)
public record CreditsRolledOver(UUID orgId, UUID transactionId, AccountRef account, long amount, Instant expiresAt,
        Instant at) implements LedgerEvent {
}
