package dev.teamcredits.client;

import java.time.Instant;

/**
 * A request to buy credits, as the billing backend settles it.
 *
 * @param status        {@code awaiting-payment}, {@code completed}, {@code declined} or {@code expired}
 * @param requestedBy   the user who asked, or {@code auto-top-up}
 * @param declineReason the billing backend's reason, when declined
 * @param replayed      the answer of an earlier call with the same key
 */
public record TopUpRequest(String id, String orgId, AccountRef account, long amount, String status,
        String requestedBy, boolean automatic, Instant createdAt, Instant expiresAt, Instant settledAt,
        String declineReason, String purchaseId, String paymentReference, boolean replayed) {
}
