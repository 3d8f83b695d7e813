package dev.teamcredits.client;

/**
 * Not enough available credits; nothing was charged or moved. A spend, hold or capture answers 402
 * {@code insufficient-credits} with {@code required}, {@code available} and {@code shortfall} (what to buy); a
 * transfer or reversal answers 409 {@code insufficient-available-credits} with {@code available} and
 * {@code shortfall}, and {@link #required()} is then their sum.
 */
public class InsufficientCreditsException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    private final long required;
    private final long available;
    private final long shortfall;

    /** Made by the client from the service's answer. */
    public InsufficientCreditsException(String message, Problem problem, String idempotencyKey) {
        super(message, problem, idempotencyKey, null);
        this.available = problem.longMember("available").orElse(0L);
        this.shortfall = problem.longMember("shortfall").orElse(0L);
        this.required = problem.longMember("required").orElse(available + shortfall);
    }

    /** Credits the request needed. */
    public long required() {
        return required;
    }

    /** Credits that were available to it. */
    public long available() {
        return available;
    }

    /** {@code required - available}: what is missing. */
    public long shortfall() {
        return shortfall;
    }
}
