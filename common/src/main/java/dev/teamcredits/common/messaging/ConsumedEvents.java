package dev.teamcredits.common.messaging;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.UnreadableEventException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * How every consumer of our topics applies an event: exactly once, and never skipped. The event id
 * goes into the service's {@code processed_event} table in the transaction of the event's effect,
 * and a readable event whose application fails (say, the database is away) is retried until it
 * succeeds. Unreadable records are not retried: the channel's dead-letter strategy takes them.
 */
public final class ConsumedEvents {

    private static final Logger LOG = Logger.getLogger(ConsumedEvents.class);

    private ConsumedEvents() {
    }

    /** Records the event id on the transaction's connection; false if it was already applied (a redelivery). */
    public static Uni<Boolean> markProcessed(SqlClient c, String eventId, String topic) {
        return c.preparedQuery("INSERT INTO processed_event (event_id, topic) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(eventId, topic)).map(r -> r.rowCount() == 1);
    }

    /**
     * Retries the event's application with backoff (200 ms up to 10 s) until it succeeds; each
     * retry subscribes to {@code application} again, which runs it again.
     */
    public static Uni<Void> untilApplied(CloudEvent<?> event, Uni<Void> application) {
        return application
                .onFailure(e -> !(e instanceof UnreadableEventException))
                .invoke(e -> LOG.warnf("Applying %s %s failed, retrying: %s", event.type(), event.id(), e.getMessage()))
                .onFailure(e -> !(e instanceof UnreadableEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }
}
