package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** Credits reached their expiry at a cycle close and left the account. */
@EventType(name = "ledger.credits.expired", version = 1)
public record CreditsExpired(UUID orgId, UUID transactionId, AccountRef account, long amount, String lotKind,
        BalanceView after, Instant at) implements LedgerEvent {
}
