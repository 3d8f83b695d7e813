package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An org's billing cycle closed and the next one started; usage counters start fresh. */
@EventType(name = "ledger.cycle.closed", version = 1)
public record CycleClosed(UUID orgId, LocalDate closedCycleStart, LocalDate nextCycleStart, LocalDate nextCycleEnd,
        long poolGranted, Instant at) implements LedgerEvent {
}
