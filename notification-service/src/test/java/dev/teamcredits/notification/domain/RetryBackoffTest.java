package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryBackoffTest {

    @ParameterizedTest(name = "after attempt {0} of {1} (from {2}, at most {3}) → wait {4}")
    @CsvSource({
            // Webhooks: 10 s doubling to 30 min, 6 attempts, then DEAD.
            "1, 6, PT10S, PT30M, PT10S",
            "2, 6, PT10S, PT30M, PT20S",
            "3, 6, PT10S, PT30M, PT40S",
            "5, 6, PT10S, PT30M, PT2M40S",
            "6, 6, PT10S, PT30M, ",
            // Email: 5 s doubling to 10 min, 8 attempts, then FAILED; the cap holds.
            "1, 8, PT5S, PT10M, PT5S",
            "7, 8, PT5S, PT10M, PT5M20S",
            "8, 8, PT5S, PT10M, ",
            "8, 20, PT5S, PT10M, PT10M",
            "19, 20, PT5S, PT10M, PT10M",
            // Far past any real attempt count the shift stops growing and the cap still holds.
            "60, 100, PT1S, PT1H, PT1H",
            // One attempt allowed: no retry at all.
            "1, 1, PT5S, PT10M, " })
    void theWaitDoublesUpToTheCapUntilTheLastAttempt(int attempt, int maxAttempts, Duration initial, Duration max,
            Duration wait) {
        assertEquals(wait, RetryBackoff.after(attempt - 1, maxAttempts, initial, max));
    }
}
