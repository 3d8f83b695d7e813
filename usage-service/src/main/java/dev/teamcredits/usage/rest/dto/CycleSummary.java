package dev.teamcredits.usage.rest.dto;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One cycle of the org's usage history with its totals.
 *
 * @param poolTotal   credits that entered the pool in the cycle
 * @param creditsUsed credits drawn from the pool ("Credits Used")
 */
@Schema(description = "One billing cycle of the org with its totals (a member's own, for a member)")
public record CycleSummary(@Schema(description = "First day of the cycle") LocalDate cycleStart,
        @Schema(description = "Last day of the cycle") LocalDate cycleEnd,
        @Schema(description = "Credits that entered the pool in the cycle") long poolTotal,
        @Schema(description = "Credits drawn from the pool (\"Credits Used\")") long creditsUsed,
        @Schema(description = "Credits drawn from member balances") long fromMember,
        @Schema(description = "Credits drawn from personal balances") long fromPersonal,
        @Schema(description = "Number of spends (captures included)") long spends) {
}
