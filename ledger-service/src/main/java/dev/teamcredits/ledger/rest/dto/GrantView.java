package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator's grant: the transaction, the reason on record and the account right after it. */
@Schema(description = "An operator's grant: the transaction, the reason on record and the account right after it")
public record GrantView(@Schema(description = "The GRANT transaction") UUID transactionId,
        @Schema(description = "The org; null for a personal balance", nullable = true) UUID orgId,
        @Schema(description = "The account credited") AccountRef account,
        @Schema(description = "Credits granted") long amount,
        @Schema(description = "Why, as the operator gave it") String reason,
        @Schema(description = "The operator client that granted") String grantedBy,
        @Schema(description = "When") Instant createdAt,
        @Schema(description = "The account right after the grant") BalanceView balanceAfter) {
}
