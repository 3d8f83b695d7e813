package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A top-up request was neither completed nor declined in time: it ends, no credits arrive. A purchase that
 * names it later is still recorded (the payment was taken), and completes it.
 *
 * @param orgId null for a personal balance (the event is then keyed by the user id)
 */
@EventType(name = "ledger.top-up.expired", version = 1)
public record TopUpExpired(UUID orgId, UUID requestId, AccountRef account, long amount, String requestedBy,
        boolean automatic, Instant at) implements LedgerEvent {

    @Override
    public String key() {
        return orgId != null ? orgId.toString() : account.userId();
    }
}
