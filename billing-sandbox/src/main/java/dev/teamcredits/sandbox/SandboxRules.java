package dev.teamcredits.sandbox;

import dev.teamcredits.events.ledger.TopUpRequested;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the sandbox does with a top-up request, as a payment provider's test mode would: it takes the payment of
 * every amount up to {@code declineAbove} credits, at {@code pricePerCreditMinor} minor units of {@code currency}
 * per credit, and declines larger amounts. Pure: no clock, no I/O.
 */
public record SandboxRules(long declineAbove, long pricePerCreditMinor, String currency) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public SandboxRules {
        if (declineAbove < 0 || pricePerCreditMinor < 0) {
            throw new IllegalArgumentException(
                    "sandbox.decline-above and sandbox.price-per-credit-minor must be >= 0");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("sandbox.currency must be 3 upper-case letters, not " + currency);
        }
        // Every amount the sandbox completes must have a price the ledger can store.
        try {
            Math.multiplyExact(declineAbove, pricePerCreditMinor);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("sandbox.decline-above × sandbox.price-per-credit-minor is too large",
                    e);
        }
    }

    /** How the sandbox settles one request. */
    public sealed interface Settlement permits Purchase, Decline {
        UUID requestId();

        /** The ledger's Idempotency-Key: a redelivered request is sent again with the same key and body. */
        String idempotencyKey();
    }

    /** The payment was taken: record the purchase that completes the request. */
    public record Purchase(UUID requestId, long amount, String paymentReference, long price, String currency)
            implements Settlement {

        @Override
        public String idempotencyKey() {
            return paymentReference;
        }
    }

    /** The payment was refused: decline the request with a reason its requester is shown. */
    public record Decline(UUID requestId, String reason) implements Settlement {

        @Override
        public String idempotencyKey() {
            return "sandbox_decline_" + requestId;
        }
    }

    public Settlement settle(TopUpRequested request) {
        if (request.amount() > declineAbove) {
            return new Decline(request.requestId(), "Declined by the sandbox: amounts above " + declineAbove
                    + " are refused (test mode)");
        }
        return new Purchase(request.requestId(), request.amount(), paymentReference(request.requestId()),
                request.amount() * pricePerCreditMinor, currency);
    }

    /** The reference of the sandbox's "payment": one per request, so a redelivered request is recorded once. */
    public static String paymentReference(UUID requestId) {
        return "sandbox_" + requestId;
    }
}
