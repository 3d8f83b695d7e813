package dev.teamcredits.client;

/** 403: the caller is known but may not do this (`admin-required`, `spend-for-others`, `reservation-not-yours`, `billing-client-required`…). */
public class ForbiddenException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    /** Made by the client from the service's answer. */
    public ForbiddenException(String message, Problem problem, String idempotencyKey) {
        super(message, problem, idempotencyKey, null);
    }
}
