package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillingCycleTest {

    @ParameterizedTest(name = "anchor {0}, cycle from {1} ends {2}")
    @CsvSource({
            "2026-01-15, 2026-01-15, 2026-02-15",
            "2026-01-31, 2026-01-31, 2026-02-28",
            "2026-01-31, 2026-02-28, 2026-03-31",
            "2026-01-31, 2026-03-31, 2026-04-30",
            "2028-01-31, 2028-01-31, 2028-02-29",
            "2026-11-30, 2027-01-30, 2027-02-28",
            "2026-11-30, 2027-02-28, 2027-03-30",
            "2026-12-31, 2026-12-31, 2027-01-31" })
    void monthlyFromTheAnchorAndTheThirtyFirstBecomesTheMonthsLastDay(LocalDate anchor, LocalDate start,
            LocalDate end) {
        assertEquals(end, BillingCycle.end(anchor, start));
    }
}
