package dev.teamcredits.client;

import java.time.Instant;

/**
 * A recorded purchase.
 *
 * @param transactionId the journal transaction that brought the credits
 * @param orgId         null for a personal balance
 * @param balanceAfter  the account right after this purchase
 * @param replayed      this payment reference (or key) was recorded before: the first purchase, nothing added
 */
public record Purchase(String id, String transactionId, String orgId, AccountRef account, long amount,
        String paymentReference, String topUpRequestId, Long price, String currency, String requestedBy,
        String recordedBy, Instant createdAt, BalanceView balanceAfter, boolean replayed) {
}
