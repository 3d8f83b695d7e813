package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A recorded purchase.
 *
 * @param transactionId the journal transaction that brought the credits
 * @param orgId         null for a personal balance
 * @param requestedBy   who asked, when it completed a request
 * @param recordedBy    the billing client
 * @param balanceAfter  the account right after this purchase (also when the same payment is answered again)
 */
@Schema(description = "A recorded purchase")
public record PurchaseView(@Schema(description = "The purchase") UUID id,
        @Schema(description = "The PURCHASE transaction that brought the credits") UUID transactionId,
        @Schema(description = "The org; null for a personal balance", nullable = true) UUID orgId,
        @Schema(description = "The account credited") AccountRef account,
        @Schema(description = "Credits bought") long amount,
        @Schema(description = "The payment provider's id of the payment") String paymentReference,
        @Schema(description = "The top-up request it completed, if any", nullable = true) UUID topUpRequestId,
        @Schema(description = "What was paid, in minor units of currency", nullable = true) Long price,
        @Schema(description = "ISO 4217 code of price", nullable = true) String currency,
        @Schema(description = "Who asked, when it completed a request", nullable = true) String requestedBy,
        @Schema(description = "The billing client that recorded it") String recordedBy,
        @Schema(description = "When it was recorded") Instant createdAt,
        @Schema(description = "The account right after this purchase (also when the same payment is answered again)")
        BalanceView balanceAfter) {
}
