package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone asked to buy credits for an account: a user for their personal balance, an org admin for the
 * pool or a member balance, or an account's auto top-up. The billing backend takes the payment and
 * completes the request with a purchase ({@link PurchaseCompleted}), or declines it
 * ({@link TopUpDeclined}); unsettled by {@code expiresAt}, it expires ({@link TopUpExpired}). No
 * credits move yet.
 *
 * @param orgId       null for a personal balance (the event is then keyed by the user id)
 * @param requestedBy the user who asked, or {@code auto-top-up}
 * @param automatic   true when the account's auto top-up made it
 */
@EventType(name = "ledger.top-up.requested", version = 1)
public record TopUpRequested(UUID orgId, UUID requestId, AccountRef account, long amount, String requestedBy,
        boolean automatic, Instant expiresAt, Instant at) implements LedgerEvent {

    @Override
    public String key() {
        return orgId != null ? orgId.toString() : account.userId();
    }
}
