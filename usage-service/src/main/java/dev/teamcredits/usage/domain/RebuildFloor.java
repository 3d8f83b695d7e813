package dev.teamcredits.usage.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What a rebuild may recompute: only cycles and days whose events are all still on the topics. Retention deletes
 * the oldest records, so once the topics have lost any, a cycle that started before the first record still there
 * may have lost some of its events: its counters are kept as they are (closed cycles stay queryable forever), and
 * only cycles starting, and days falling, on or after the first whole UTC day after that record are recomputed.
 *
 * @param keptBefore cycles starting and days before it are kept; null when nothing is kept
 */
public record RebuildFloor(LocalDate keptBefore) {

    /** For an event counted nowhere yet: it counts in every cycle and day. */
    public static final RebuildFloor NOTHING_KEPT = new RebuildFloor(null);

    /**
     * The floor of a new rebuild, given since when the topics still hold every event (empty: they lost none) and
     * the floors of earlier rebuilds that did not finish: those were counting their cycles again when they stopped,
     * so the new one must recompute them too.
     */
    public static RebuildFloor of(Optional<Instant> retainedSince, List<RebuildFloor> unfinished) {
        LocalDate floor = retainedSince.map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC).plusDays(1)).orElse(null);
        for (RebuildFloor earlier : unfinished) {
            if (earlier.keptBefore == null) {
                return NOTHING_KEPT;
            }
            if (floor != null && earlier.keptBefore.isBefore(floor)) {
                floor = earlier.keptBefore;
            }
        }
        return new RebuildFloor(floor);
    }

    /** Whether the counters of the cycle starting, or of the day, on {@code date} are recomputed. */
    public boolean recomputes(LocalDate date) {
        return keptBefore == null || !date.isBefore(keptBefore);
    }
}
