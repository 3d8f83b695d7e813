package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * The billing backend declined a top-up request (the payment failed, the card was refused…): no credits
 * arrive, and the requester is told why.
 *
 * @param orgId  null for a personal balance (the event is then keyed by the user id)
 * @param reason the billing backend's words, for the requester
 */
@EventType(name = "ledger.top-up.declined", version = 1)
public record TopUpDeclined(UUID orgId, UUID requestId, AccountRef account, long amount, String reason,
        String requestedBy, boolean automatic, String actor, Instant at) implements LedgerEvent {

    @Override
    public String key() {
        return orgId != null ? orgId.toString() : account.userId();
    }
}
