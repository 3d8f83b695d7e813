package dev.teamcredits.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account credits are bought into: an org's pool, a member's balance in an org, or a user's personal balance.
 *
 * @param orgId  the org of a pool or member balance; null for a personal balance
 * @param userId the member or user; null for a pool
 */
public record CreditAccount(String orgId, String userId) {

    /** Checks that it names something. */
    public CreditAccount {
        if (orgId == null && userId == null) {
            throw new IllegalArgumentException("name an org, a user, or both");
        }
    }

    /** An org's pool. */
    public static CreditAccount pool(String orgId) {
        return new CreditAccount(orgId, null);
    }

    /** A member's balance in an org. */
    public static CreditAccount member(String orgId, String userId) {
        return new CreditAccount(orgId, userId);
    }

    /** A user's personal balance. */
    public static CreditAccount personal(String userId) {
        return new CreditAccount(null, userId);
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (orgId != null) {
            body.put("orgId", orgId);
        }
        if (userId != null) {
            body.put("userId", userId);
        }
        return body;
    }
}
