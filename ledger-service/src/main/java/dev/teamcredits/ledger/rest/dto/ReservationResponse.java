package dev.teamcredits.ledger.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.events.ledger.SourceAmount;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param status        ACTIVE, CAPTURED, RELEASED or EXPIRED
 * @param captured      credits charged on capture
 * @param transactionId the spend transaction of a capture
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A reservation (hold) and where it stands")
public record ReservationResponse(@Schema(description = "The reservation") UUID id,
        @Schema(description = "The member it holds for") String userId,
        @Schema(description = "The action it holds for, or RESERVATION for a plain amount") String action,
        @Schema(description = "Credits held") long amount,
        @Schema(description = "Credits held per account, in waterfall order; empty once ended") List<SourceAmount> holds,
        @Schema(description = "Where it stands", enumeration = { "ACTIVE", "CAPTURED", "RELEASED", "EXPIRED" })
        String status,
        @Schema(description = "Credits charged on capture; absent otherwise") Long captured,
        @Schema(description = "The SPEND transaction of a capture; absent otherwise") UUID transactionId,
        @Schema(description = "When the hold lapses unless captured or released") Instant expiresAt) {
}
