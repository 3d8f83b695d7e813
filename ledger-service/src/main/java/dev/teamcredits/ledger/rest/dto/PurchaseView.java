package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;

/**
 * A recorded purchase.
 *
 * @param transactionId the journal transaction that brought the credits
 * @param orgId         null for a personal balance
 * @param requestedBy   who asked, when it completed a request
 * @param recordedBy    the billing client
 * @param balanceAfter  the account right after this purchase (also when the same payment is answered again)
 */
public record PurchaseView(UUID id, UUID transactionId, UUID orgId, AccountRef account, long amount,
        String paymentReference, UUID topUpRequestId, Long price, String currency, String requestedBy,
        String recordedBy, Instant createdAt, BalanceView balanceAfter) {
}
