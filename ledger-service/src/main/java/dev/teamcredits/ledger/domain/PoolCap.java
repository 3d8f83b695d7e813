package dev.teamcredits.ledger.domain;

/**
 * How much of the pool a member may still draw: their per-cycle cap minus the pool credits they drew
 * in the current cycle (spends, and captures in the cycle of the capture) and the pool credits of
 * their open holds, whatever cycle those were made in. No cap: unlimited.
 */
public final class PoolCap {

    private PoolCap() {
    }

    public static long room(Long cap, long drawnThisCycle, long held) {
        return cap == null ? Long.MAX_VALUE : Math.max(0, cap - drawnThisCycle - held);
    }
}
