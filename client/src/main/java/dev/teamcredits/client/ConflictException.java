package dev.teamcredits.client;

/** 409: the request clashes with the state (`reservation-not-active`, `payment-reference-conflict`, `top-up-request-settled`, `member-inactive`…); nothing changed. */
public class ConflictException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    /** Made by the client from the service's answer. */
    public ConflictException(String message, Problem problem, String idempotencyKey) {
        super(message, problem, idempotencyKey, null);
    }
}
