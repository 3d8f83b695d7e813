package dev.teamcredits.events.ledger;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * An operator granted credits (goodwill, support, migration), with a reason on record: a {@code TOP_UP} lot
 * (never expiring) taken from the ledger's {@code grants} system account.
 *
 * @param orgId  null for a personal balance (the event is then keyed by the user id)
 * @param reason why, in the operator's words
 * @param actor  the operator client
 */
@EventType(name = "ledger.credits.operator-granted", version = 1)
public record OperatorGranted(UUID orgId, UUID transactionId, AccountRef account, long amount, String reason,
        BalanceView after, String actor, Instant at) implements LedgerEvent {

    @Override
    public String key() {
        return orgId != null ? orgId.toString() : account.userId();
    }
}
