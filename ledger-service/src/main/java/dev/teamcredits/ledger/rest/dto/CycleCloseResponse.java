package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.BalanceView;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A closed cycle and the one that started")
public record CycleCloseResponse(@Schema(description = "The org") UUID orgId,
        @Schema(description = "Start of the cycle that was closed") LocalDate closedCycleStart,
        @Schema(description = "Start of the new current cycle") LocalDate cycleStart,
        @Schema(description = "Last day of the new current cycle") LocalDate cycleEnd,
        @Schema(description = "Credits the plan allocated into the pool for the new cycle") long granted,
        @Schema(description = "The pool right after the close") BalanceView pool) {
}
