package dev.teamcredits.usage.rest.dto;

import java.time.LocalDate;

/**
 * A rebuild under way.
 *
 * @param keptBefore counters of cycles starting, and days, before this date are kept as they are (the topics no
 *                   longer hold all their events); null when everything is recomputed
 */
public record RebuildStarted(long rebuild, LocalDate keptBefore) {
}
