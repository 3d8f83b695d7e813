package dev.teamcredits.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import dev.teamcredits.common.persistence.DatabaseErrors;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What counts as the database being away (503, keep retrying) and what is a real error. */
class DatabaseErrorsTest {

    @Test
    void aDatabaseThatIsAwayOrGoingAwayIsUnavailable() {
        assertTrue(DatabaseErrors.isUnavailable(new ConnectException("Connection refused")));
        assertTrue(DatabaseErrors.isUnavailable(new IOException("Broken pipe")));
        assertTrue(DatabaseErrors.isUnavailable(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseErrors.isUnavailable(new NoStackTraceThrowable("Connection is not active now, current "
                + "status: CLOSED")));
        assertTrue(DatabaseErrors.isUnavailable(pg("57P01"))); // terminating connection: administrator command
        assertTrue(DatabaseErrors.isUnavailable(pg("57P03"))); // the database system is starting up
        assertTrue(DatabaseErrors.isUnavailable(pg("08006")));
        assertTrue(DatabaseErrors.isUnavailable(pg("53300")));
        // Wrapped, as Hibernate Reactive and CompletionStages hand it on.
        assertTrue(DatabaseErrors.isUnavailable(new CompletionException(new IllegalStateException("session",
                new ConnectException("Connection refused")))));
    }

    @Test
    void errorsOfTheRequestOrOfOurCodeAreNot() {
        assertFalse(DatabaseErrors.isUnavailable(pg("23505"))); // unique violation
        assertFalse(DatabaseErrors.isUnavailable(pg("22P02"))); // invalid text representation
        assertFalse(DatabaseErrors.isUnavailable(pg("40001")));
        assertFalse(DatabaseErrors.isUnavailable(new IllegalStateException("bug")));
        assertFalse(DatabaseErrors.isUnavailable(new IllegalStateException(new JsonParseException(null, "bad"))));
        assertFalse(DatabaseErrors.isUnavailable(new NoStackTraceThrowable("something else")));
        assertFalse(DatabaseErrors.isUnavailable(null));
    }

    @Test
    void conflictsAreTransientButNotUnavailable() {
        assertTrue(DatabaseErrors.isTransient(pg("40001")));
        assertTrue(DatabaseErrors.isTransient(pg("40P01")));
        assertTrue(DatabaseErrors.isTransient(new ConnectException("Connection refused")));
        assertFalse(DatabaseErrors.isTransient(pg("23505")));
        assertFalse(DatabaseErrors.isTransient(new IllegalArgumentException("bad event")));
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(DatabaseErrors.isUnavailable(a));
    }

    private static PgException pg(String sqlState) {
        return new PgException("message", "ERROR", sqlState, null);
    }
}
