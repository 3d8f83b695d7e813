package dev.teamcredits.usage.domain;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.ReservationCaptured;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.TransferCompleted;
import java.time.Instant;
import java.util.Optional;

/**
 * The pool card's available credits, as one ledger event reported the pool right after it. Events
 * may be applied out of their order (a rebuild, a redelivery), so the newer event wins: a reading
 * replaces the stored one unless it is older.
 */
public record PoolAvailable(long credits, Instant asOf) {

    /** The pool's available credits after the event, if the event touched the pool and reports it. */
    public static Optional<PoolAvailable> reportedBy(DomainEvent event) {
        if (event instanceof CreditsSpent e) {
            return after(e.poolAfter(), e.at());
        }
        if (event instanceof CreditsGranted e && isPool(e.account())) {
            return after(e.after(), e.at());
        }
        if (event instanceof CreditsExpired e && isPool(e.account())) {
            return after(e.after(), e.at());
        }
        if (event instanceof TransferCompleted e) {
            return after(isPool(e.to()) ? e.toAfter() : isPool(e.from()) ? e.fromAfter() : null, e.at());
        }
        if (event instanceof ReservationCreated e) {
            return after(e.poolAfter(), e.at());
        }
        if (event instanceof ReservationCaptured e) {
            return after(e.poolAfter(), e.at());
        }
        if (event instanceof ReservationReleased e) {
            return after(e.poolAfter(), e.at());
        }
        if (event instanceof PurchaseCompleted e && isPool(e.account())) {
            return after(e.after(), e.at());
        }
        if (event instanceof OperatorGranted e && isPool(e.account())) {
            return after(e.after(), e.at());
        }
        return Optional.empty();
    }

    /** Whether this reading takes the place of {@code stored}: it does unless it is older. */
    public boolean replaces(PoolAvailable stored) {
        return !asOf.isBefore(stored.asOf);
    }

    private static Optional<PoolAvailable> after(BalanceView pool, Instant at) {
        return pool == null ? Optional.empty() : Optional.of(new PoolAvailable(pool.available(), at));
    }

    private static boolean isPool(AccountRef account) {
        return account.kind() == AccountRef.Kind.POOL;
    }
}
