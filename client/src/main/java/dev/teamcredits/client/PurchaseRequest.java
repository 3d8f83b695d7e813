package dev.teamcredits.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A purchase the billing backend took the payment for. Recorded once per payment reference: sending it again
 * answers the first purchase ({@link Purchase#replayed()}), the same reference with another amount or account is a
 * {@link ConflictException} ({@code payment-reference-conflict}).
 *
 * @param account          where the credits go; may be null when {@code topUpRequestId} names the request
 * @param amount           credits bought
 * @param paymentReference the payment provider's id of the payment
 * @param topUpRequestId   the top-up request it completes, if any
 * @param price            what was paid in minor units of {@code currency}; with {@code currency} or neither
 * @param currency         ISO 4217 code
 * @param idempotencyKey   the caller's own key, or null for one per call
 */
public record PurchaseRequest(CreditAccount account, long amount, String paymentReference, String topUpRequestId,
        Long price, String currency, String idempotencyKey) {

    /** Checks what the service would refuse anyway. */
    public PurchaseRequest {
        Objects.requireNonNull(paymentReference, "paymentReference");
        if (account == null && topUpRequestId == null) {
            throw new IllegalArgumentException("name the account, or the top-up request the purchase completes");
        }
        if ((price == null) != (currency == null)) {
            throw new IllegalArgumentException("price and currency go together");
        }
    }

    /** Credits bought into an account. */
    public static PurchaseRequest of(CreditAccount account, long amount, String paymentReference) {
        return new PurchaseRequest(account, amount, paymentReference, null, null, null, null);
    }

    /** Credits that complete a top-up request (into the request's account). */
    public static PurchaseRequest completing(String topUpRequestId, long amount, String paymentReference) {
        return new PurchaseRequest(null, amount, paymentReference, topUpRequestId, null, null, null);
    }

    /** The same purchase with what was paid, for the record. */
    public PurchaseRequest withPrice(long minorUnits, String isoCurrency) {
        return new PurchaseRequest(account, amount, paymentReference, topUpRequestId, minorUnits, isoCurrency,
                idempotencyKey);
    }

    /** The same purchase with the caller's own Idempotency-Key. */
    public PurchaseRequest withIdempotencyKey(String key) {
        return new PurchaseRequest(account, amount, paymentReference, topUpRequestId, price, currency, key);
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (account != null) {
            body.put("account", account.body());
        }
        body.put("amount", amount);
        body.put("paymentReference", paymentReference);
        if (topUpRequestId != null) {
            body.put("topUpRequestId", topUpRequestId);
        }
        if (price != null) {
            body.put("price", price);
            body.put("currency", currency);
        }
        return body;
    }
}
