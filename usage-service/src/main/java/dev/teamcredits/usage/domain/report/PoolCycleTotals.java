package dev.teamcredits.usage.domain.report;

/**
 * The pool card of one cycle.
 *
 * @param available the pool's available credits now; null for a past cycle
 * @param total     the credits that entered the pool in the cycle
 */
public record PoolCycleTotals(Long available, long total) {

    /** The card shows what is available only for the current cycle: a past cycle's pool is gone. */
    public static PoolCycleTotals of(boolean current, Long availableNow, long total) {
        return new PoolCycleTotals(current ? availableNow : null, total);
    }
}
