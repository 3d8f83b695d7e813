package dev.teamcredits.client;

/** 404 (or 410): the org, member, reservation, transfer or request does not exist, or the caller may not know it does (another org's ids answer 404). */
public class NotFoundException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    /** Made by the client from the service's answer. */
    public NotFoundException(String message, Problem problem, String idempotencyKey) {
        super(message, problem, idempotencyKey, null);
    }
}
