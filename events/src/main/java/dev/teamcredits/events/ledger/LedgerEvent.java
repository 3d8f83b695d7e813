package dev.teamcredits.events.ledger;

import dev.teamcredits.events.DomainEvent;

/** Events on {@code ledger.events}: one per committed money transaction, plus balance alerts. */
public sealed interface LedgerEvent extends DomainEvent permits CreditsGranted, TransferCompleted, CreditsSpent,
        ReservationCreated, ReservationCaptured, ReservationReleased, CreditsExpired, CreditsRolledOver,
        CycleClosed, LowBalance, PoolEmpty, TopUpRequested, PurchaseCompleted, TopUpDeclined, TopUpExpired,
        OperatorGranted {
}
