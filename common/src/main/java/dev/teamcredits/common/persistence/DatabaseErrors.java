package dev.teamcredits.common.persistence;

import com.fasterxml.jackson.core.JacksonException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Which database failures are the database's state rather than the request's fault, so that callers
 * answer or retry instead of giving up. {@link #isUnavailable} is PostgreSQL away, restarting or out of
 * connections: a REST call answers 503 with Retry-After, a Kafka consumer keeps retrying the event (never
 * parks it: the event is fine, the database is not). {@link #isTransient} adds the conflicts a transaction
 * may lose and win when run again (serialization failure, deadlock). The whole cause chain is looked at,
 * since Hibernate Reactive and Mutiny wrap what the Vert.x client threw.
 */
public final class DatabaseErrors {

    /** SQLSTATEs of a server that is shutting down, starting up or refusing connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", // admin_shutdown: the server was stopped under the session
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now: starting up or shutting down
            "53300", // too_many_connections
            "53400"); // configuration_limit_exceeded
    /** SQLSTATEs of a transaction that lost a conflict: running it again may succeed. */
    private static final Set<String> CONFLICT_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03"); // lock_not_available

    private DatabaseErrors() {
    }

    /** The database cannot be reached or is going away: the same request will work once it is back. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t : causes(failure)) {
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            // Refused or reset connections, a connection closed under a query, no connection in time.
            if (isConnectionIo(t) || t instanceof ClosedConnectionException
                    || t instanceof ConnectionPoolTooBusyException || t instanceof TimeoutException) {
                return true;
            }
            // What the Vert.x client fails a query with that was queued on a connection which closed meanwhile.
            if (t instanceof NoStackTraceThrowable && t.getMessage() != null
                    && t.getMessage().startsWith("Connection is not active now")) {
                return true;
            }
            // The JDBC driver's class (08…) for connection failures, should a service use JDBC.
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** A transaction that lost a conflict (serialization failure, deadlock, lock timeout): run it again. */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t : causes(failure)) {
            if (t instanceof PgException pg && CONFLICT_STATES.contains(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Unavailable, or a serialization failure, deadlock or lock timeout: worth running again as it is.
     * A Kafka consumer retries these without limit and never parks an event for them.
     */
    public static boolean isTransient(Throwable failure) {
        return isUnavailable(failure) || isConflict(failure);
    }

    /**
     * Socket failures (refused, reset, broken pipe, closed channel); not Jackson's IOExceptions, which
     * are about a document, not a connection.
     */
    private static boolean isConnectionIo(Throwable t) {
        return t instanceof IOException && !(t instanceof JacksonException);
    }

    /** The failure and its causes, each once (a cause chain may loop). */
    private static Iterable<Throwable> causes(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && !seen.containsKey(t); t = t.getCause()) {
            seen.put(t, true);
        }
        return seen.keySet();
    }
}
