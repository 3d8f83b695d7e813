package dev.teamcredits.usage.rest.dto;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rebuild under way.
 *
 * @param keptBefore counters of cycles starting, and days, before this date are kept as they are (the topics no
 *                   longer hold all their events); null when everything is recomputed
 */
@Schema(description = "A rebuild under way")
public record RebuildStarted(@Schema(description = "The rebuild's id") long rebuild,
        @Schema(description = "Counters of cycles starting, and days, before this date are kept as they are (the topics "
                + "no longer hold all their events); null when everything is recomputed", nullable = true)
        LocalDate keptBefore) {
}
