package dev.teamcredits.ledger.rest.dto;

import java.time.Instant;
import java.util.UUID;

/**
 * A line of purchase history: a top-up request (with its purchase once completed), or a purchase that
 * completed no request.
 *
 * @param kind        {@code REQUEST} or {@code PURCHASE}
 * @param status      {@code awaiting-payment}, {@code completed}, {@code declined} or {@code expired}
 * @param requestedBy the user who asked, or {@code auto-top-up}; null for a purchase without request
 * @param settledAt   when it was completed, declined or expired
 */
public record PurchaseHistoryItem(String kind, UUID requestId, UUID purchaseId, long amount, String status,
        String paymentReference, Long price, String currency, String requestedBy, boolean automatic,
        String declineReason, Instant createdAt, Instant settledAt) {
}
