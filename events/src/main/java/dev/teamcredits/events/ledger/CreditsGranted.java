package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * Credits the plan brings entered an account: the subscription allocation at a cycle start, or free
 * credits when a personal balance opens. (Bought credits arrive with {@link PurchaseCompleted}, an
 * operator's with {@link OperatorGranted}.)
 *
 * @param orgId     null for free credits of a personal balance, outside any org
 * @param reason    SUBSCRIPTION or FREE
 * @param lotKind   the kind of lot created
 * @param expiresAt when the credits expire; null = never
 */
@EventType(name = "ledger.credits.granted", version = 1)
public record CreditsGranted(UUID orgId, UUID transactionId, AccountRef account, long amount, String reason,
        String lotKind, Instant expiresAt, BalanceView after, String actor, Instant at) implements LedgerEvent {

    @Override
    public String key() {
        return orgId != null ? orgId.toString() : account.userId();
    }
}
