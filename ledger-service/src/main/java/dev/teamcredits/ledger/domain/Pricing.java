package dev.teamcredits.ledger.domain;

import java.util.Map;

/**
 * What an action costs, from the configured price list: price × quantity, except that email finding
 * is charged only when it returned a valid result.
 */
public final class Pricing {

    /** Every amount the API accepts is at most this. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    private final Map<String, Long> prices;

    public Pricing(Map<String, Long> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The price, or why there is none. */
    public record Price(Problem problem, long amount) {

        public enum Problem {
            UNKNOWN_ACTION, TOO_LARGE
        }
    }

    /** @param resultValid EMAIL_FINDING only: false means no valid result, so nothing is charged */
    public Price of(String action, long quantity, Boolean resultValid) {
        Long price = prices.get(action);
        if (price == null) {
            return new Price(Price.Problem.UNKNOWN_ACTION, 0);
        }
        if ("EMAIL_FINDING".equals(action) && Boolean.FALSE.equals(resultValid)) {
            return new Price(null, 0);
        }
        if (price > 0 && quantity > MAX_AMOUNT / price) {
            return new Price(Price.Problem.TOO_LARGE, 0);
        }
        return new Price(null, price * quantity);
    }

    public java.util.List<String> actions() {
        return prices.keySet().stream().sorted().toList();
    }
}
