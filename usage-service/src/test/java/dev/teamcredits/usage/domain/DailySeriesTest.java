package dev.teamcredits.usage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DailySeriesTest {

    @ParameterizedTest(name = "from {0} to {1}: valid {2}")
    @CsvSource({
            "2026-03-08, 2026-03-08, true", // one day
            "2026-03-01, 2026-03-08, true",
            "2026-03-08, 2026-03-07, false", // backwards
            "2026-01-01, 2027-01-02, true", // to is 366 days after from
            "2026-01-01, 2027-01-03, false", // 367 days after
            "2028-01-01, 2029-01-01, true" }) // a leap year: 366 days after
    void aSeriesRunsForwardAndToIsAtMost366DaysAfterFrom(LocalDate from, LocalDate to, boolean valid) {
        assertEquals(valid, DailySeries.isValidRange(from, to));
    }
}
