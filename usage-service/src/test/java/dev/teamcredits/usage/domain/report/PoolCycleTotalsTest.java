package dev.teamcredits.usage.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolCycleTotalsTest {

    @ParameterizedTest(name = "current {0}, available now {1}: the card shows {2}")
    @CsvSource(nullValues = "none", value = {
            "true, 985, 985",
            "true, none, none", // no event reported the pool yet
            "false, 985, none" }) // a past cycle: what is available now is not its number
    void theCardShowsWhatIsAvailableOnlyForTheCurrentCycle(boolean current, Long availableNow, Long shown) {
        assertEquals(new PoolCycleTotals(shown, 1000), PoolCycleTotals.of(current, availableNow, 1000));
    }
}
