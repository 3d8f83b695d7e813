package dev.teamcredits.usage.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the org's cycles, newest first; {@code nextCursor} null on the last page. */
@Schema(description = "A page of the org's billing cycles, newest first")
public record CycleSummaryPage(@Schema(description = "The page's cycles, newest first") List<CycleSummary> items,
        @Schema(description = "Pass as cursor for the next (older) page; null on the last page", nullable = true)
        String nextCursor) {
}
