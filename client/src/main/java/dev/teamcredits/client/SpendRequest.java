package dev.teamcredits.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A spend: an action and a quantity, charged by the price list along the waterfall (pool, member balance,
 * personal balance). Immutable; build with {@link #of(String, long)} and the {@code with…} methods.
 *
 * @param userId         the member to charge: required for a backend spending on a member's behalf, null for a
 *                       member's own spend
 * @param action         e.g. {@code PAGE_SCRAPE}, {@code ENRICHMENT}, {@code EMAIL_FINDING}, {@code EXPORT}
 * @param quantity       pages, URLs, lookups, rows… (1 to 10^12)
 * @param resultValid    {@code EMAIL_FINDING} only: charged only when a valid result was returned; null = true
 * @param idempotencyKey the caller's own key (e.g. derived from its job id, to stay safe across its restarts);
 *                       null lets the client make one per call
 */
public record SpendRequest(String userId, String action, long quantity, Boolean resultValid, String idempotencyKey) {

    /** Checks what the service would refuse anyway, so a mistake fails before any network call. */
    public SpendRequest {
        Objects.requireNonNull(action, "action");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }

    /** {@code quantity} of {@code action}, for the caller itself (a member's token) until {@link #forMember}. */
    public static SpendRequest of(String action, long quantity) {
        return new SpendRequest(null, action, quantity, null, null);
    }

    /** The same spend, charged to this member (a trusted backend's call). */
    public SpendRequest forMember(String memberUserId) {
        return new SpendRequest(memberUserId, action, quantity, resultValid, idempotencyKey);
    }

    /** The same spend, telling whether the result was valid ({@code EMAIL_FINDING}). */
    public SpendRequest withResultValid(boolean valid) {
        return new SpendRequest(userId, action, quantity, valid, idempotencyKey);
    }

    /** The same spend with the caller's own Idempotency-Key. */
    public SpendRequest withIdempotencyKey(String key) {
        return new SpendRequest(userId, action, quantity, resultValid, key);
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (userId != null) {
            body.put("userId", userId);
        }
        body.put("action", action);
        body.put("quantity", quantity);
        if (resultValid != null) {
            body.put("resultValid", resultValid);
        }
        return body;
    }
}
