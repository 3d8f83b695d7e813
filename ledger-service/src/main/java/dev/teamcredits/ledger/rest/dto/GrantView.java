package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;

/** An operator's grant: the transaction, the reason on record and the account right after it. */
public record GrantView(UUID transactionId, UUID orgId, AccountRef account, long amount, String reason,
        String grantedBy, Instant createdAt, BalanceView balanceAfter) {
}
