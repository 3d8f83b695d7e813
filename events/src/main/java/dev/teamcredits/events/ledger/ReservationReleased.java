package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** A reservation was released, by the caller or (expired = true) by the system after its TTL. */
@EventType(name = "ledger.reservation.released", version = 1)
public record ReservationReleased(UUID orgId, UUID reservationId, String userId, long amount, boolean expired,
        BalanceView poolAfter, Instant at) implements LedgerEvent {
}
