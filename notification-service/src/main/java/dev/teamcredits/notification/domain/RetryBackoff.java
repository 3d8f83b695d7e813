package dev.teamcredits.notification.domain;

import java.time.Duration;

/**
 * How email and webhook deliveries are retried: the wait doubles from {@code initial} after each
 * failed attempt, capped at {@code max}, until {@code maxAttempts} have been made.
 */
public final class RetryBackoff {

    private RetryBackoff() {
    }

    /**
     * How long to wait after the attempt that just failed, or null to give up (FAILED or DEAD).
     *
     * @param attemptsSoFar attempts made before the one that just failed
     */
    public static Duration after(int attemptsSoFar, int maxAttempts, Duration initial, Duration max) {
        int attempts = attemptsSoFar + 1;
        if (attempts >= maxAttempts) {
            return null;
        }
        long millis = initial.toMillis() << Math.min(attempts - 1, 30);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
