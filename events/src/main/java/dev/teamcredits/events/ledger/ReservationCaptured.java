package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** A reservation was captured: {@code captured} was charged (see the CreditsSpent with the same transaction), the rest released. */
@EventType(name = "ledger.reservation.captured", version = 1)
public record ReservationCaptured(UUID orgId, UUID reservationId, String userId, long reserved, long captured,
        UUID transactionId, BalanceView poolAfter, Instant at) implements LedgerEvent {
}
