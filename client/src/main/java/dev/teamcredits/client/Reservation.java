package dev.teamcredits.client;

import java.time.Instant;
import java.util.List;

/**
 * A hold as the ledger answers it.
 *
 * @param status        {@code ACTIVE}, {@code CAPTURED}, {@code RELEASED} or {@code EXPIRED}
 * @param holds         credits held per account
 * @param captured      credits charged by the capture
 * @param transactionId the capture's spend transaction
 * @param replayed      the answer of an earlier call with the same key
 */
public record Reservation(String id, String userId, String action, long amount, List<SourceAmount> holds,
        String status, Long captured, String transactionId, Instant expiresAt, boolean replayed) {
}
