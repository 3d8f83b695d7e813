package dev.teamcredits.usage.rest.dto;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The team page's usage table for one cycle.
 *
 * @param members every member for admins; only the caller for members
 */
@Schema(description = "The team page's usage table for one cycle")
public record CycleUsage(@Schema(description = "The org") UUID orgId,
        @Schema(description = "First day of the cycle") LocalDate cycleStart,
        @Schema(description = "Last day of the cycle") LocalDate cycleEnd,
        @Schema(description = "The pool card") PoolCard pool,
        @Schema(description = "Every member for admins (and former members who used credits in the cycle); only the "
                + "caller for members") List<MemberUsage> members) {
}
