package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingTest {

    private final Pricing pricing = new Pricing(Map.of("PAGE_SCRAPE", 1L, "EMAIL_FINDING", 1L, "EXPORT", 0L,
            "BIG", 1_000_000L));

    @ParameterizedTest(name = "{0} × {1} (valid {2}) → {3}")
    @CsvSource({
            "PAGE_SCRAPE, 7, , 7",
            "EMAIL_FINDING, 3, , 3",
            "EMAIL_FINDING, 3, true, 3",
            "EMAIL_FINDING, 3, false, 0",
            "EXPORT, 500, , 0",
            "BIG, 1000000, , 1000000000000",
            "BIG, 1000001, , TOO_LARGE",
            "DANCE, 1, , UNKNOWN_ACTION" })
    void priceTimesQuantityAndEmailFindingOnlyForAValidResult(String action, long quantity, Boolean valid,
            String expected) {
        Pricing.Price price = pricing.of(action, quantity, valid);
        assertEquals(expected, price.problem() != null ? price.problem().name() : Long.toString(price.amount()));
    }
}
