package dev.teamcredits.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetryPolicy POLICY = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    @Test
    void theCeilingDoublesFromTheInitialBackoffUpToTheMaximum() {
        List<Long> ceilings = java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(POLICY::ceiling)
                .map(Duration::toMillis).toList();
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), ceilings);
    }

    @Test
    void theCeilingNeverOverflowsHoweverManyRetries() {
        assertEquals(Duration.ofSeconds(5), POLICY.withMaxAttempts(Integer.MAX_VALUE).ceiling(10_000));
    }

    @Test
    void fullJitterSpreadsTheDelayOverZeroToTheCeiling() {
        assertEquals(Duration.ZERO, POLICY.delay(3, 0.0));
        assertEquals(Duration.ofMillis(400), POLICY.delay(3, 0.5));
        assertEquals(Duration.ofMillis(799), POLICY.delay(3, 0.999));
        Random random = new Random(42);
        long below = 0;
        for (int i = 0; i < 10_000; i++) {
            long millis = POLICY.delay(4, random.nextDouble()).toMillis();
            assertTrue(millis >= 0 && millis < 1600, "within [0, ceiling): " + millis);
            below += millis < 800 ? 1 : 0;
        }
        assertTrue(below > 4_500 && below < 5_500, "uniform: about half below the middle, got " + below);
    }

    @Test
    void aPolicyRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> POLICY.withMaxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> POLICY.ceiling(0));
        assertThrows(IllegalArgumentException.class, () -> POLICY.delay(1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ofMillis(-1),
                Duration.ZERO, Duration.ZERO));
    }

    @Test
    void retryAfterIsReadInSecondsAndAnythingElseIsIgnored() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), Http.retryAfter(headers("2")));
        assertEquals(Optional.of(Duration.ofSeconds(1)), Http.retryAfter(headers(" 1 ")));
        assertEquals(Optional.empty(), Http.retryAfter(headers("Wed, 21 Oct 2015 07:28:00 GMT")));
        assertEquals(Optional.empty(), Http.retryAfter(headers("-1")));
        assertEquals(Optional.empty(), Http.retryAfter(HttpHeaders.of(Map.of(), (a, b) -> true)));
    }

    private static HttpHeaders headers(String retryAfter) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (a, b) -> true);
    }
}
