package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.AccountRef;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
@Schema(description = "A top-up request")
public record TopUpRequestView(@Schema(description = "The request") UUID id,
        @Schema(description = "The org; null for a personal balance", nullable = true) UUID orgId,
        @Schema(description = "The account the credits are for") AccountRef account,
        @Schema(description = "Credits asked for") long amount,
        @Schema(description = "Where it stands", enumeration = { "awaiting-payment", "completed", "declined",
                "expired" }) String status,
        @Schema(description = "The user who asked, or auto-top-up") String requestedBy,
        @Schema(description = "Made by the account's auto top-up") boolean automatic,
        @Schema(description = "When it was asked for") Instant createdAt,
        @Schema(description = "When it expires if neither completed nor declined") Instant expiresAt,
        @Schema(description = "When it was completed, declined or expired", nullable = true) Instant settledAt,
        @Schema(description = "The billing backend's reason, when declined", nullable = true) String declineReason,
        @Schema(description = "The purchase that completed it", nullable = true) UUID purchaseId,
        @Schema(description = "That purchase's payment reference", nullable = true) String paymentReference) {
}
