package dev.teamcredits.usage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.usage.UnusualUsage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnusualUsageRuleTest {

    /** The defaults: factor 3, seven trailing days, at least 100 credits. */
    private final UnusualUsageRule rule = new UnusualUsageRule(3.0, 7, 100);

    @ParameterizedTest(name = "{0} credits on the day after {1} over the week: unusual {2}")
    @CsvSource({
            "120, 140, true", // average 20: 120 > 60 and >= 100
            "70, 140, false", // not above 3 x 20 and below the minimum
            "100, 140, true", // exactly the minimum counts
            "99, 7, false", // far above an average of 1, but below the minimum
            "210, 490, false", // average 70: exactly 3 x the average is not above it
            "211, 490, true",
            "5000, 0, false", // no usage in the window: no average, a first big day is new
            "100, 1, true", // any usage in the window makes an average (1/7)
            "0, 0, false" })
    void aDayIsUnusualWhenItReachesTheMinimumAndExceedsFactorTimesTheTrailingAverage(long day, long trailing,
            boolean unusual) {
        assertEquals(unusual, rule.isUnusual(day, trailing));
    }

    @ParameterizedTest(name = "factor {0}, {1} days, minimum {2}: {3} after {4} is unusual {5}")
    @CsvSource({
            "2.0, 7, 100, 150, 490, true", // average 70, 150 > 140
            "2.0, 7, 100, 140, 490, false",
            "3.0, 1, 100, 301, 100, true", // one trailing day: the average is yesterday
            "3.0, 1, 100, 300, 100, false",
            "3.0, 7, 10, 10, 7, true", // a lower minimum flags a small day far above a small average
            "3.0, 7, 500, 400, 7, false" })
    void theThresholdsAreConfiguration(double factor, int days, long min, long day, long trailing,
            boolean unusual) {
        assertEquals(unusual, new UnusualUsageRule(factor, days, min).isUnusual(day, trailing));
    }

    @ParameterizedTest(name = "the window for {0} starts {1}")
    @CsvSource({ "2026-03-08, 2026-03-01", "2026-03-01, 2026-02-22", "2028-03-03, 2028-02-25" })
    void theWindowIsTheTrailingDaysBeforeTheDay(LocalDate day, LocalDate start) {
        assertEquals(start, rule.windowStart(day));
    }

    @Test
    void theAlertCarriesTheDayItsCreditsTheAverageAndTheRule() {
        UUID org = UUID.randomUUID();
        LocalDate day = LocalDate.parse("2026-03-08");
        Instant at = Instant.parse("2026-03-08T12:00:00Z");
        assertEquals(new UnusualUsage(org, "ben", day, 120, 20.0, 7, 3.0, at),
                rule.alert(org, "ben", day, 120, 140, at).orElseThrow());
        assertTrue(rule.alert(org, "ben", day, 70, 140, at).isEmpty());
    }
}
