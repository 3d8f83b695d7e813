package dev.teamcredits.ledger.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.events.ledger.SourceAmount;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * @param status        ACTIVE, CAPTURED, RELEASED or EXPIRED
 * @param captured      credits charged on capture
 * @param transactionId the spend transaction of a capture
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReservationResponse(UUID id, String userId, String action, long amount, List<SourceAmount> holds,
        String status, Long captured, UUID transactionId, Instant expiresAt) {
}
