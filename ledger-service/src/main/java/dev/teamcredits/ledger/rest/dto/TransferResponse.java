package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param transactionId null for a preview */
@Schema(description = "A transfer (or its preview) with both balances after it")
public record TransferResponse(@Schema(description = "The TRANSFER transaction; null for a preview", nullable = true)
        UUID transactionId,
        @Schema(description = "True for a preview: nothing was written") boolean preview,
        @Schema(description = "Credits moved") long amount,
        @Schema(description = "Free text stored with it", nullable = true) String reason,
        @Schema(description = "The transfer this one reverses", nullable = true) UUID reversalOf,
        @Schema(description = "The source after the transfer") BalanceView from,
        @Schema(description = "The destination after the transfer") BalanceView to,
        @Schema(description = "When") Instant at) {
}
