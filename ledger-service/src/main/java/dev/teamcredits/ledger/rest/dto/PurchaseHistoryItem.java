package dev.teamcredits.ledger.rest.dto;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A line of purchase history: a top-up request (with its purchase once completed), or a purchase that
 * completed no request.
 *
 * @param kind        {@code REQUEST} or {@code PURCHASE}
 * @param status      {@code awaiting-payment}, {@code completed}, {@code declined} or {@code expired}
 * @param requestedBy the user who asked, or {@code auto-top-up}; null for a purchase without request
 * @param settledAt   when it was completed, declined or expired
 */
@Schema(description = "A line of purchase history: a top-up request (with its purchase once completed), or a purchase "
        + "that completed no request")
public record PurchaseHistoryItem(
        @Schema(description = "REQUEST or PURCHASE (a purchase without request)", enumeration = { "REQUEST", "PURCHASE" })
        String kind,
        @Schema(description = "The top-up request; null for a purchase without request", nullable = true) UUID requestId,
        @Schema(description = "The purchase; null until a request is completed", nullable = true) UUID purchaseId,
        @Schema(description = "Credits asked for or bought") long amount,
        @Schema(description = "Where it stands", enumeration = { "awaiting-payment", "completed", "declined",
                "expired" }) String status,
        @Schema(description = "The purchase's payment reference", nullable = true) String paymentReference,
        @Schema(description = "What was paid, in minor units of currency", nullable = true) Long price,
        @Schema(description = "ISO 4217 code of price", nullable = true) String currency,
        @Schema(description = "The user who asked, or auto-top-up; null for a purchase without request",
                nullable = true) String requestedBy,
        @Schema(description = "Made by the account's auto top-up") boolean automatic,
        @Schema(description = "The billing backend's reason, when declined", nullable = true) String declineReason,
        @Schema(description = "When it was asked for (or, without request, recorded)") Instant createdAt,
        @Schema(description = "When it was completed, declined or expired", nullable = true) Instant settledAt) {
}
