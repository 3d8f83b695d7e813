package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.BalanceView;
import java.time.LocalDate;
import java.util.UUID;

/** A closed cycle: the new one, the allocation granted for it, and the pool after the close. */
public record CycleClose(UUID orgId, LocalDate closedCycleStart, LocalDate cycleStart, LocalDate cycleEnd, long granted,
        BalanceView pool) {
}
