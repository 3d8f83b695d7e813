package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;

/**
 * A purchase as the use case answers it.
 *
 * @param after    the account right after the purchase (when an earlier purchase is answered again, right after
 *                 that one)
 * @param existing true when the payment reference was recorded before and this is that purchase again
 */
public record Purchase(UUID id, UUID transactionId, UUID orgId, AccountRef account, long amount,
        String paymentReference, UUID topUpRequestId, Long price, String currency, String requestedBy,
        String recordedBy, Instant createdAt, BalanceView after, boolean existing) {
}
