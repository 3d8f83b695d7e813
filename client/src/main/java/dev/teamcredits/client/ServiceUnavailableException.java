package dev.teamcredits.client;

import java.time.Duration;
import java.util.Optional;

/** 503 after the configured attempts (`overloaded`, `database-unavailable`…): nothing of the last attempt was applied, or its key makes a later retry safe. */
public class ServiceUnavailableException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /** Made by the client from the service's answer; {@code retryAfter} from its last {@code Retry-After}. */
    public ServiceUnavailableException(String message, Problem problem, String idempotencyKey, Duration retryAfter) {
        super(message, problem, idempotencyKey, null);
        this.retryAfter = retryAfter;
    }

    /** How long the service asked to wait before trying again, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
