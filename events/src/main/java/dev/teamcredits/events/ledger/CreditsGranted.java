package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * Credits entered an account from outside: the subscription allocation at a cycle start, a
 * team or personal top-up (manual or automatic), free credits, or a recurring allocation.
 *
 * @param orgId     null for a personal top-up outside any org
 * @param reason    SUBSCRIPTION, TOP_UP, AUTO_TOP_UP, FREE or RECURRING_ALLOCATION
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
