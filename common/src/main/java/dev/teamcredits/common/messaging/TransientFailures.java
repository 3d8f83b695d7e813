package dev.teamcredits.common.messaging;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Failures that say nothing about the event: the database is away, a connection was lost, a transaction lost a
 * serialization race. A consumer retries these without limit and never parks an event for them; anything else is
 * the event's own problem (a rule or constraint it breaks, a bug) and counts toward parking.
 */
public final class TransientFailures {

    /** SQLSTATEs that a retry of the same work can cure. */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "53300"); // too_many_connections

    private TransientFailures() {
    }

    /** Whether {@code failure}, or anything that caused it, is a transient infrastructure error. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || TRANSIENT_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            if (t instanceof ClosedConnectionException || t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
            // Vert.x reports a pool that could not hand out a connection in time without a dedicated type.
            String message = t.getMessage();
            if (t.getClass().getName().startsWith("io.vertx.") && message != null
                    && (message.contains("Timeout") || message.contains("Connection refused")
                            || message.contains("closed"))) {
                return true;
            }
        }
        return false;
    }
}
