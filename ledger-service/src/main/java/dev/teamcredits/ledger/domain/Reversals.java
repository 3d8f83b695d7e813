package dev.teamcredits.ledger.domain;

/**
 * A reversal is a new transfer the other way, linked to the original: only of a transfer an admin
 * made (not the system's sweeps and recurring allocations, not a reversal), and all reversals of one
 * transfer together never exceed it.
 */
public final class Reversals {

    private Reversals() {
    }

    /** What is left to reverse of a transfer of {@code amount} whose reversals so far took {@code reversed}. */
    public static long left(long amount, long reversed) {
        return amount - reversed;
    }

    /** The amount to reverse ({@code requested}, or all that is left), or -1 when that is more than is left. */
    public static long amount(Long requested, long left) {
        long amount = requested == null ? left : requested;
        return left == 0 || amount > left ? -1 : amount;
    }
}
