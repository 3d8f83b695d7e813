package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A member's action was charged (a direct spend, or the capture of a reservation).
 *
 * @param cycleStart    the org's billing cycle the spend counts in
 * @param reservationId set when this is a reservation's capture
 * @param sources       pool, member balance and personal balance amounts, in waterfall order
 * @param poolAfter     the org's pool right after this spend (for a live pool card); null if the
 *                      pool was not involved
 */
@EventType(name = "ledger.credits.spent", version = 1)
public record CreditsSpent(UUID orgId, UUID transactionId, String userId, String action, long quantity, long amount,
        List<SourceAmount> sources, LocalDate cycleStart, UUID reservationId, String actor, BalanceView poolAfter,
        Instant at)
        implements LedgerEvent {
}
