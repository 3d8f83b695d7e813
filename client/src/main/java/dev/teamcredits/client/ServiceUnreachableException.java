package dev.teamcredits.client;

/**
 * No answer after the configured attempts: the connection failed, was dropped or timed out each time. A mutating
 * call may or may not have been applied; sending it again with the same {@link #idempotencyKey()} is safe and
 * answers what was applied (a replay) or applies it once.
 */
public class ServiceUnreachableException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    /** Made by the client after its last attempt failed with {@code cause}. */
    public ServiceUnreachableException(String message, String idempotencyKey, int attempts, Throwable cause) {
        super(message, null, idempotencyKey, cause);
        this.attempts = attempts;
    }

    /** How many times the request was sent. */
    public int attempts() {
        return attempts;
    }
}
