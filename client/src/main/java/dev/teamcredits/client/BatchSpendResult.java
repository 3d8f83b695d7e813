package dev.teamcredits.client;

/**
 * One item's answer in a batch of spends, in the request's order: what it would have answered alone.
 *
 * @param status         200 when charged; 402, 404, 422… when refused
 * @param replayed       the item's key had been used and its stored answer is returned
 * @param spend          the charge, when {@code status} is 200
 * @param problem        why not, otherwise
 * @param idempotencyKey the item's key (the caller's or the client's), to send it again alone or in a later batch
 */
public record BatchSpendResult(int status, boolean replayed, Spend spend, Problem problem, String idempotencyKey) {

    /** True when the item was charged (or replayed a charge). */
    public boolean charged() {
        return status == 200 && spend != null;
    }

    /** The typed exception for a refused item ({@link InsufficientCreditsException}…); null when charged. */
    public TeamCreditsException exception() {
        return problem == null ? null : Problems.exception(problem, null, idempotencyKey);
    }
}
