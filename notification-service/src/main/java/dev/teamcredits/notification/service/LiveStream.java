package dev.teamcredits.notification.service;

import dev.teamcredits.notification.domain.InboxEntry;
import dev.teamcredits.notification.domain.LedgerChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.List;

/**
 * The live stream as the use cases see it. Messages are queued in the caller's transaction, so they
 * go out only if it commits; each replica passes them to the streams its own users have open.
 */
public interface LiveStream {

    /** A new inbox entry, for its user's open streams. */
    Uni<Void> notification(SqlClient c, InboxEntry entry);

    /** A ledger change, for the open streams of these users. */
    Uni<Void> ledgerChange(SqlClient c, List<String> users, LedgerChange change);
}
