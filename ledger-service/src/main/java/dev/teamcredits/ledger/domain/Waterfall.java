package dev.teamcredits.ledger.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a member's credits come from, in order: the pool (only with pool access, and only as much
 * as the member's cycle cap leaves), then the member balance, then the personal balance (only if
 * the org allows the fallback). One charge may split across all three.
 */
public final class Waterfall {

    /** One account's share of a charge. */
    public record Part(Account account, long amount) {
    }

    /** The shares for an amount ({@code parts} null if the sources together have less), and what they have. */
    public record Plan(List<Part> parts, long available) {

        public boolean covers() {
            return parts != null;
        }
    }

    private Waterfall() {
    }

    /**
     * @param pool     the pool, or null without pool access
     * @param poolRoom how much of the pool the member may still draw ({@link PoolCap#room})
     * @param personal the personal balance, or null without fallback
     */
    public static Plan plan(long amount, Account pool, long poolRoom, Account member, Account personal) {
        List<Part> parts = new ArrayList<>();
        long available = 0;
        long left = amount;
        long[] room = {
                pool == null ? 0 : Math.max(0, Math.min(pool.available(), poolRoom)),
                member.available(),
                personal == null ? 0 : personal.available() };
        Account[] sources = { pool, member, personal };
        for (int i = 0; i < sources.length; i++) {
            available += room[i];
            long take = Math.min(left, room[i]);
            if (take > 0) {
                parts.add(new Part(sources[i], take));
                left -= take;
            }
        }
        return new Plan(left == 0 ? parts : null, available);
    }
}
