package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.BalanceView;
import java.util.UUID;

/** A top-up as a use case answers it: the grant's transaction and the balance after it. */
public record TopUp(UUID transactionId, long amount, BalanceView balance) {
}
