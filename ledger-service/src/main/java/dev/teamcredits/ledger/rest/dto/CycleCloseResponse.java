package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.BalanceView;
import java.time.LocalDate;
import java.util.UUID;

public record CycleCloseResponse(UUID orgId, LocalDate closedCycleStart, LocalDate cycleStart, LocalDate cycleEnd,
        long granted, BalanceView pool) {
}
