package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.AccountRef;
import java.time.Instant;
import java.util.UUID;

/**
 * A top-up request.
 *
 * @param orgId            null for a personal balance
 * @param status           {@code awaiting-payment}, {@code completed}, {@code declined} or {@code expired}
 * @param requestedBy      the user who asked, or {@code auto-top-up}
 * @param automatic        made by the account's auto top-up
 * @param expiresAt        when it expires if neither completed nor declined
 * @param settledAt        when it was completed, declined or expired
 * @param declineReason    the billing backend's reason, when declined
 * @param purchaseId       the purchase that completed it
 * @param paymentReference that purchase's payment reference
 */
public record TopUpRequestView(UUID id, UUID orgId, AccountRef account, long amount, String status,
        String requestedBy, boolean automatic, Instant createdAt, Instant expiresAt, Instant settledAt,
        String declineReason, UUID purchaseId, String paymentReference) {
}
