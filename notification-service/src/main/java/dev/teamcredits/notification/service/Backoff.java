package dev.teamcredits.notification.service;

import java.time.Duration;

/** Exponential backoff for deliveries: how long to wait after a failed attempt, or null to give up. */
final class Backoff {

    private Backoff() {
    }

    /** @param attemptsSoFar attempts made before the one that just failed */
    static Duration after(int attemptsSoFar, int maxAttempts, Duration initial, Duration max) {
        int attempts = attemptsSoFar + 1;
        if (attempts >= maxAttempts) {
            return null;
        }
        long millis = initial.toMillis() << Math.min(attempts - 1, 30);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
