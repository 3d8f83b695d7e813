package dev.teamcredits.common.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * How every consumer of our topics applies an event exactly once: the event id goes into the service's
 * {@code processed_event} table in the transaction of the event's effect, so a redelivery, a replay or an
 * operator's re-drive of a parked event changes nothing the second time. (Retries and parking: {@link ParkedEvents}.)
 */
public final class ConsumedEvents {

    private ConsumedEvents() {
    }

    /** Records the event id on the transaction's connection; false if it was already applied (a redelivery). */
    public static Uni<Boolean> markProcessed(SqlClient c, String eventId, String topic) {
        return c.preparedQuery("INSERT INTO processed_event (event_id, topic) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(eventId, topic)).map(r -> r.rowCount() == 1);
    }
}
