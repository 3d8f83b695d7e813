package dev.teamcredits.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to wait before sending a call again: exponential backoff with full jitter (the delay before
 * retry {@code n} is uniform in {@code [0, min(maxBackoff, initialBackoff × 2^(n-1))]}), so many backends that
 * failed at once do not come back at once. A {@code Retry-After} the service sent is honoured instead, up to
 * {@code maxRetryAfter}; a longer one ends the retries.
 *
 * @param maxAttempts    how many times one call is sent at most (1 = never retried)
 * @param initialBackoff the cap of the first retry's delay
 * @param maxBackoff     the cap of any retry's delay
 * @param maxRetryAfter  the longest {@code Retry-After} the client waits for
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** 5 attempts, 200 ms doubling up to 5 s, a {@code Retry-After} of up to 30 s honoured. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    /** No retries: each call is sent once. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Checks the bounds. */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** The same policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxRetryAfter);
    }

    /** The cap of the delay before retry {@code retry} (1 = the first retry): the exponential part, no jitter. */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1");
        }
        long initial = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        // Doubling stops at the cap, so no shift overflows however many attempts are allowed.
        long ceiling = initial;
        for (int i = 1; i < retry && ceiling < max; i++) {
            ceiling = Math.min(max, ceiling * 2);
        }
        return Duration.ofMillis(Math.min(max, ceiling));
    }

    /**
     * The delay before retry {@code retry}: full jitter, {@code random} × {@link #ceiling(int)}.
     *
     * @param random a number in {@code [0, 1)}, e.g. {@code ThreadLocalRandom.current().nextDouble()}
     */
    public Duration delay(int retry, double random) {
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1)");
        }
        return Duration.ofMillis((long) (ceiling(retry).toMillis() * random));
    }
}
