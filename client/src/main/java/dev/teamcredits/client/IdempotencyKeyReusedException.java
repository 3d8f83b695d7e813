package dev.teamcredits.client;

/** 422 `idempotency-key-reused`: the key was already used with a different request. A client bug (or a key chosen by the caller twice), never retried. */
public class IdempotencyKeyReusedException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    /** Made by the client from the service's answer. */
    public IdempotencyKeyReusedException(String message, Problem problem, String idempotencyKey) {
        super(message, problem, idempotencyKey, null);
    }
}
