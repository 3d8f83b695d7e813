package dev.teamcredits.ledger.rest.dto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One transaction of the history.
 *
 * @param accounts net change per account ref in this transaction (system accounts included)
 */
@JsonPropertyOrder({ "id", "at", "type", "amount", "actor", "reason", "reverses", "accounts" })
public record TransactionView(UUID id, Instant at, String type, long amount, String actor, String reason,
        UUID reverses, Map<String, Long> accounts) {
}
