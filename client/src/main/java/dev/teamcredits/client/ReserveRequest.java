package dev.teamcredits.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hold: either the price of an action × quantity, or an amount of credits, kept for a time to live.
 *
 * @param userId         the member, for a backend's hold; null for a member's own
 * @param action         the action priced (with {@code quantity}); null when {@code amount} is given
 * @param quantity       of the action; null = 1
 * @param amount         credits to hold; null when {@code action} is given
 * @param ttl            how long before the ledger releases it by itself; null = the ledger's default (300 s)
 * @param idempotencyKey the caller's own key, or null for one per call
 */
public record ReserveRequest(String userId, String action, Long quantity, Long amount, Duration ttl,
        String idempotencyKey) {

    /** Checks the one rule across fields: an action or an amount, not both. */
    public ReserveRequest {
        if ((action == null) == (amount == null)) {
            throw new IllegalArgumentException("give either an action or an amount");
        }
    }

    /** The price of {@code quantity} of {@code action}. */
    public static ReserveRequest action(String action, long quantity) {
        return new ReserveRequest(null, action, quantity, null, null, null);
    }

    /** A number of credits. */
    public static ReserveRequest credits(long amount) {
        return new ReserveRequest(null, null, null, amount, null, null);
    }

    /** The same hold for this member (a trusted backend's call). */
    public ReserveRequest forMember(String memberUserId) {
        return new ReserveRequest(memberUserId, action, quantity, amount, ttl, idempotencyKey);
    }

    /** The same hold with a time to live (whole seconds, 1 s to the ledger's maximum). */
    public ReserveRequest withTtl(Duration timeToLive) {
        return new ReserveRequest(userId, action, quantity, amount, timeToLive, idempotencyKey);
    }

    /** The same hold with the caller's own Idempotency-Key. */
    public ReserveRequest withIdempotencyKey(String key) {
        return new ReserveRequest(userId, action, quantity, amount, ttl, key);
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (userId != null) {
            body.put("userId", userId);
        }
        if (action != null) {
            body.put("action", action);
        }
        if (quantity != null) {
            body.put("quantity", quantity);
        }
        if (amount != null) {
            body.put("amount", amount);
        }
        if (ttl != null) {
            body.put("ttlSeconds", ttl.toSeconds());
        }
        return body;
    }
}
