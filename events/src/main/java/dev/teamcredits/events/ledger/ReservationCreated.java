package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Credits are held for a member until captured, released or expired; they count as used only on
 * capture. {@code poolAfter}: the pool right after (null if the pool holds nothing of it).
 */
@EventType(name = "ledger.reservation.created", version = 1)
public record ReservationCreated(UUID orgId, UUID reservationId, String userId, String action, long amount,
        List<SourceAmount> holds, Instant expiresAt, String actor, BalanceView poolAfter, Instant at)
        implements LedgerEvent {
}
