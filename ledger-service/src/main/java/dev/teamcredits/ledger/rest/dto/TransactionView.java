package dev.teamcredits.ledger.rest.dto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One transaction of the history.
 *
 * @param accounts net change per account ref in this transaction (system accounts included)
 */
@JsonPropertyOrder({ "id", "at", "type", "amount", "actor", "reason", "reverses", "accounts" })
@Schema(description = "One transaction of the history")
public record TransactionView(@Schema(description = "The transaction") UUID id,
        @Schema(description = "When it happened") Instant at,
        @Schema(description = "Its type", enumeration = { "GRANT", "PURCHASE", "TRANSFER", "SPEND", "EXPIRY",
                "ROLLOVER" }) String type,
        @Schema(description = "Credits moved") long amount,
        @Schema(description = "Who did it: a user id, a client, or system") String actor,
        @Schema(description = "Free text given with it (a transfer's, a grant's…)", nullable = true) String reason,
        @Schema(description = "The transfer this one reverses", nullable = true) UUID reverses,
        @Schema(description = "Net change per account ref in this transaction (system accounts included)")
        Map<String, Long> accounts) {
}
