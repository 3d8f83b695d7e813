package dev.teamcredits.client;

import java.util.Optional;

/**
 * Base of every error the client reports for a call: the service refused it with a problem document, or it could
 * not be answered after the configured attempts. Catch a subclass for the cases a backend handles
 * ({@link InsufficientCreditsException}, {@link NotFoundException}…), or this for all of them.
 */
public class TeamCreditsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final String idempotencyKey;

    /**
     * @param problem        the service's answer (null when there was none, see {@link ServiceUnreachableException})
     * @param idempotencyKey the key the call was sent with, if it had one
     */
    public TeamCreditsException(String message, Problem problem, String idempotencyKey, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.idempotencyKey = idempotencyKey;
    }

    /** The problem document the service answered; null only when no answer arrived. */
    public Problem problem() {
        return problem;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int status() {
        return problem == null ? 0 : problem.status();
    }

    /** The problem type, e.g. {@code urn:team-credits:problem:not-found}; null when no answer arrived. */
    public String type() {
        return problem == null ? null : problem.type();
    }

    /** The problem's detail, for people; null when no answer arrived. */
    public String detail() {
        return problem == null ? null : problem.detail();
    }

    /**
     * The Idempotency-Key of the call: sending the same request again with it (the request records'
     * {@code withIdempotencyKey}) is safe, also from another process, for 24 hours.
     */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }
}
