package dev.teamcredits.client;

import java.util.UUID;

/**
 * Credits held for a member while a backend works (email finding: hold, look, charge only for a valid result).
 * Capture it when the work succeeded; closing it without a capture releases it, so a try-with-resources block
 * that throws or ends early gives the credits back:
 *
 * <pre>{@code
 * try (Hold hold = client.reserve(orgId, ReserveRequest.action("EMAIL_FINDING", 1).forMember(userId))) {
 *     Optional<String> email = finder.find(domain, name);
 *     if (email.isPresent()) {
 *         hold.capture();
 *     }
 * } // no capture (no result, or the finder threw): released here
 * }</pre>
 *
 * If the ledger released it already (its TTL ran out), closing it does nothing more. Thread-safe; each capture or
 * release is one logical call with its own Idempotency-Key, reused on its retries.
 */
public final class Hold implements AutoCloseable {

    private enum State {
        OPEN, CAPTURED, RELEASED
    }

    private final TeamCreditsClient client;
    private final String orgId;
    private Reservation reservation;
    private State state = State.OPEN;

    Hold(TeamCreditsClient client, String orgId, Reservation reservation) {
        this.client = client;
        this.orgId = orgId;
        this.reservation = reservation;
    }

    /** The reservation as last answered (after a capture or release, its final state). */
    public synchronized Reservation reservation() {
        return reservation;
    }

    /** The reservation's id. */
    public String id() {
        return reservation().id();
    }

    /** Credits held. */
    public long amount() {
        return reservation().amount();
    }

    /** True until captured or released through this object. */
    public synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    /** Charges everything held. */
    public Reservation capture() {
        return capture(amount());
    }

    /** Charges {@code amount} (at most what is held) and releases the rest. */
    public Reservation capture(long amount) {
        return capture(amount, UUID.randomUUID().toString());
    }

    /**
     * The same with the caller's own key, e.g. a failed capture's {@link TeamCreditsException#idempotencyKey()} to
     * send it again.
     */
    public synchronized Reservation capture(long amount, String idempotencyKey) {
        requireOpen();
        reservation = client.captureReservation(orgId, reservation.id(), amount, idempotencyKey);
        state = State.CAPTURED;
        return reservation;
    }

    /** Gives the credits back now. */
    public synchronized Reservation release() {
        requireOpen();
        reservation = client.releaseReservation(orgId, reservation.id(), UUID.randomUUID().toString());
        state = State.RELEASED;
        return reservation;
    }

    /**
     * Releases the hold unless it was captured or released. A hold the ledger already ended (expired, or captured by
     * an attempt whose answer was lost) is left as it is.
     */
    @Override
    public synchronized void close() {
        if (state != State.OPEN) {
            return;
        }
        try {
            release();
        } catch (ConflictException e) {
            if (!e.problem().is("reservation-not-active")) {
                throw e;
            }
            state = State.RELEASED;
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("hold " + reservation.id() + " is already " + state.name().toLowerCase());
        }
    }
}
