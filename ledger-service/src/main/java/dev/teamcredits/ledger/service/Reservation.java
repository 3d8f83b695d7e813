package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.SourceAmount;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reservation as a use case answers it (stored with its Idempotency-Key).
 *
 * @param holds         while ACTIVE the credits held per account; once CAPTURED what was charged from each
 * @param status        ACTIVE, CAPTURED, RELEASED or EXPIRED
 * @param captured      credits charged on capture
 * @param transactionId the spend transaction of a capture
 */
public record Reservation(UUID id, String userId, String action, long amount, List<SourceAmount> holds,
        String status, Long captured, UUID transactionId, Instant expiresAt) {
}
