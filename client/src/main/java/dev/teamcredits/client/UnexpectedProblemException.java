package dev.teamcredits.client;

/** Any other answer: an unknown status or a 5xx other than 503 (e.g. 500 `internal-error`); the problem document says what the service knew. */
public class UnexpectedProblemException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    /** Made by the client from the service's answer. */
    public UnexpectedProblemException(String message, Problem problem, String idempotencyKey) {
        super(message, problem, idempotencyKey, null);
    }
}
