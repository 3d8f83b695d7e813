package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;

/** An operator's grant as the use case answers it: the transaction, the reason and the account after it. */
public record OperatorGrant(UUID transactionId, UUID orgId, AccountRef account, long amount, String reason,
        String grantedBy, Instant createdAt, BalanceView after) {
}
