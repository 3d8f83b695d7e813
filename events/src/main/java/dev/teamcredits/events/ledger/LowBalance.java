package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** An account's available credits dropped below the low-balance threshold. */
@EventType(name = "ledger.balance.low", version = 1)
public record LowBalance(UUID orgId, AccountRef account, long available, long threshold, Instant at)
        implements LedgerEvent {
}
