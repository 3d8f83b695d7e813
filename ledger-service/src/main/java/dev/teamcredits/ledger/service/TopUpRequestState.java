package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.AccountRef;
import java.time.Instant;
import java.util.UUID;

/**
 * A top-up request as the use cases answer it.
 *
 * @param status           {@code awaiting-payment}, {@code completed}, {@code declined} or {@code expired}
 * @param requestedBy      the user who asked, or {@code auto-top-up}
 * @param purchaseId       the purchase that completed it, once completed
 * @param paymentReference that purchase's payment reference
 */
public record TopUpRequestState(UUID id, UUID orgId, AccountRef account, long amount, String status,
        String requestedBy, boolean automatic, Instant createdAt, Instant expiresAt, Instant settledAt,
        String declineReason, UUID purchaseId, String paymentReference) {
}
