package dev.teamcredits.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An admin's transfer between the pool and member balances of one org.
 *
 * @param from           {@link #POOL} or a member's user id
 * @param to             {@link #POOL} or a member's user id
 * @param amount         credits (at most the source's available)
 * @param reason         stored with the transfer; may be null
 * @param idempotencyKey the caller's own key, or null for one per call
 */
public record TransferRequest(String from, String to, long amount, String reason, String idempotencyKey) {

    /** The org's pool as a transfer end. */
    public static final String POOL = "pool";

    /** Checks what the service would refuse anyway. */
    public TransferRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
    }

    /** A transfer with a reason and a key made by the client. */
    public static TransferRequest of(String from, String to, long amount, String reason) {
        return new TransferRequest(from, to, amount, reason, null);
    }

    /** The same transfer with the caller's own Idempotency-Key. */
    public TransferRequest withIdempotencyKey(String key) {
        return new TransferRequest(from, to, amount, reason, key);
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("amount", amount);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }
}
