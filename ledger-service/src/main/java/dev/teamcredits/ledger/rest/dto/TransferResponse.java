package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.BalanceView;
import java.time.Instant;
import java.util.UUID;

/** @param transactionId null for a preview */
public record TransferResponse(UUID transactionId, boolean preview, long amount, String reason, UUID reversalOf,
        BalanceView from, BalanceView to, Instant at) {
}
