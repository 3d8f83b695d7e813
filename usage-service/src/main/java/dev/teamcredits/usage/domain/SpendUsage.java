package dev.teamcredits.usage.domain;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.SourceAmount;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * What one charge adds to a member's counters. Only the ledger's credits.spent counts: a direct
 * spend, or the capture of a reservation; making, releasing or expiring a hold counts nothing. A
 * spend counts in the cycle the ledger names and on its UTC day, split by where its credits came
 * from: the pool ("Credits Used"), the member balance or the personal balance.
 */
public record SpendUsage(UUID orgId, String userId, LocalDate cycleStart, String action, long fromPool,
        long fromMember, long fromPersonal, LocalDate day) {

    /** The usage the event adds, if it is a charge. */
    public static Optional<SpendUsage> countedFrom(DomainEvent event) {
        return event instanceof CreditsSpent e ? Optional.of(of(e)) : Optional.empty();
    }

    static SpendUsage of(CreditsSpent e) {
        long fromPool = 0;
        long fromMember = 0;
        long fromPersonal = 0;
        for (SourceAmount s : e.sources()) {
            switch (s.account().kind()) {
                case POOL -> fromPool += s.amount();
                case MEMBER -> fromMember += s.amount();
                case PERSONAL -> fromPersonal += s.amount();
            }
        }
        return new SpendUsage(e.orgId(), e.userId(), e.cycleStart(), e.action(), fromPool, fromMember, fromPersonal,
                LocalDate.ofInstant(e.at(), ZoneOffset.UTC));
    }

    /** All the credits the spend charged, whatever their source (what its action and its day count). */
    public long credits() {
        return fromPool + fromMember + fromPersonal;
    }
}
