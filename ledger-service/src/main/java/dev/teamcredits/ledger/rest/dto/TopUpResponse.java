package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.BalanceView;
import java.util.UUID;

public record TopUpResponse(UUID transactionId, long amount, BalanceView balance) {
}
