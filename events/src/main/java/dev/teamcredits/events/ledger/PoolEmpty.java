package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** The org's pool has no available credits left. */
@EventType(name = "ledger.pool.empty", version = 1)
public record PoolEmpty(UUID orgId, Instant at) implements LedgerEvent {
}
