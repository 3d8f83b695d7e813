package dev.teamcredits.usage.rest.dto;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One row of the usage table.
 *
 * @param creditsUsed credits drawn from the pool ("Credits Used")
 * @param byAction    credits per action
 */
@Schema(description = "One member's row of the usage table")
public record MemberUsage(@Schema(description = "The member's user id") String userId,
        @Schema(description = "The member's email") String email,
        @Schema(description = "The member's display name") String displayName,
        @Schema(description = "Credits drawn from the pool (\"Credits Used\")") long creditsUsed,
        @Schema(description = "Credits drawn from the member balance") long fromMember,
        @Schema(description = "Credits drawn from the member's personal balance") long fromPersonal,
        @Schema(description = "Number of spends (captures included)") long spends,
        @Schema(description = "Credits per action, e.g. {\"PAGE_SCRAPE\": 40}") Map<String, Long> byAction) {
}
