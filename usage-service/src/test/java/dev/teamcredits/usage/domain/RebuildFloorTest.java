package dev.teamcredits.usage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RebuildFloorTest {

    private static final LocalDate MAY_1 = LocalDate.parse("2026-05-01");

    @Test
    void topicsThatLostNothingLetEverythingBeRecomputed() {
        RebuildFloor floor = RebuildFloor.of(Optional.empty(), List.of());
        assertEquals(RebuildFloor.NOTHING_KEPT, floor);
        assertTrue(floor.recomputes(LocalDate.parse("2001-01-01")));
    }

    @Test
    void onlyCyclesStartingOnTheFirstWholeDayAfterTheFirstRetainedRecordAreRecomputed() {
        // The first record left is from April 30th, 23:59: events of that day may be gone; from May 1st on none is.
        RebuildFloor floor = RebuildFloor.of(Optional.of(Instant.parse("2026-04-30T23:59:00Z")), List.of());
        assertEquals(MAY_1, floor.keptBefore());
        assertTrue(floor.recomputes(MAY_1));
        assertTrue(floor.recomputes(MAY_1.plusMonths(1)));
        assertFalse(floor.recomputes(MAY_1.minusDays(1)), "a cycle that began before may have lost events");
        assertEquals(MAY_1, RebuildFloor.of(Optional.of(Instant.parse("2026-04-30T00:00:00Z")), List.of())
                .keptBefore(), "midnight exactly: still the next day, on the safe side");
    }

    @Test
    void anUnfinishedEarlierRebuildIsRecomputedAgainFromItsOwnFloor() {
        Optional<Instant> since = Optional.of(Instant.parse("2026-05-20T08:00:00Z"));
        assertEquals(MAY_1, RebuildFloor.of(since, List.of(new RebuildFloor(MAY_1))).keptBefore());
        assertEquals(RebuildFloor.NOTHING_KEPT, RebuildFloor.of(since, List.of(RebuildFloor.NOTHING_KEPT)));
        assertEquals(LocalDate.parse("2026-05-21"),
                RebuildFloor.of(since, List.of(new RebuildFloor(LocalDate.parse("2026-06-01")))).keptBefore());
    }
}
