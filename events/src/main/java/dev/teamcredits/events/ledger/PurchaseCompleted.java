package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * The billing backend recorded a purchase it took the payment for: the credits arrived in the account as
 * a {@code TOP_UP} lot (never expiring), taken from the ledger's {@code purchases} system account.
 *
 * @param orgId            null for a personal balance (the event is then keyed by the user id)
 * @param requestId        the top-up request it completes, if any
 * @param paymentReference the payment provider's id of the payment; a purchase is recorded once per reference
 * @param price            what was paid, in the currency's minor units, if the billing backend said
 * @param currency         ISO 4217 code of {@code price}
 * @param requestedBy      who asked for the credits (a user, or {@code auto-top-up}), when a request is completed
 * @param actor            the billing client that recorded it
 */
@EventType(name = "ledger.purchase.completed", version = 1)
public record PurchaseCompleted(UUID orgId, UUID purchaseId, UUID transactionId, UUID requestId, AccountRef account,
        long amount, String paymentReference, Long price, String currency, String requestedBy, BalanceView after,
        String actor, Instant at) implements LedgerEvent {

    @Override
    public String key() {
        return orgId != null ? orgId.toString() : account.userId();
    }
}
