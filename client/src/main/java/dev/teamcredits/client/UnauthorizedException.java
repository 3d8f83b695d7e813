package dev.teamcredits.client;

/** 401 even after the token was fetched again: the token provider's credentials are wrong, or the token is for another issuer or audience. */
public class UnauthorizedException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    /** Made by the client from the service's answer. */
    public UnauthorizedException(String message, Problem problem, String idempotencyKey) {
        super(message, problem, idempotencyKey, null);
    }
}
