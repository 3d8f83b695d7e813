package dev.teamcredits.usage.domain;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.team.OrgCreated;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Cycle bookkeeping: the billing cycles counters and pool credits are filed under. The team
 * service's org creation starts the first cycle (a month from the anchor); the ledger's cycle close
 * ends one and starts the next. The two arrive on different topics, in any order, so the org's
 * current cycle only ever moves to a later one.
 *
 * @param end the next cycle's start
 */
public record BillingCycle(LocalDate start, LocalDate end) {

    /** The cycle the event makes the org's current one, if it starts one. */
    public static Optional<BillingCycle> startedBy(DomainEvent event) {
        if (event instanceof OrgCreated e) {
            return Optional.of(new BillingCycle(e.cycleAnchor(), e.cycleAnchor().plusMonths(1)));
        }
        if (event instanceof CycleClosed e) {
            return Optional.of(new BillingCycle(e.nextCycleStart(), e.nextCycleEnd()));
        }
        return Optional.empty();
    }

    /**
     * The cycle the event closes, if it closes one. It is filed before the next one starts, so pool
     * credits read before any cycle of the org was known join the closed cycle they belong to.
     */
    public static Optional<BillingCycle> closedBy(DomainEvent event) {
        if (event instanceof CycleClosed e) {
            return Optional.of(new BillingCycle(e.closedCycleStart(), e.nextCycleStart()));
        }
        return Optional.empty();
    }

    /** Whether this cycle becomes the org's current one in place of {@code current}: only a later one does. */
    public boolean replaces(BillingCycle current) {
        return start.isAfter(current.start);
    }
}
