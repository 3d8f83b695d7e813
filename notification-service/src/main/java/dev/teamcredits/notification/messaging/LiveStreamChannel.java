package dev.teamcredits.notification.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.messaging.PgChannels;
import dev.teamcredits.notification.domain.InboxEntry;
import dev.teamcredits.notification.domain.LedgerChange;
import dev.teamcredits.notification.service.LiveStream;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The live stream between replicas. Messages are sent with PostgreSQL {@code NOTIFY} inside the
 * transaction that handles an event, so they go out only if it commits; every replica LISTENs and
 * fires each message it hears as a {@link Received} CDI event for the streams its own users have open.
 */
@ApplicationScoped
public class LiveStreamChannel implements LiveStream {

    /** The stream event of a new inbox entry. */
    public static final String NOTIFICATION = "notification";
    /** The stream event of a ledger change. */
    public static final String LEDGER = "ledger";

    private static final Logger LOG = Logger.getLogger(LiveStreamChannel.class);
    private static final String CHANNEL = "notification_stream";
    /** NOTIFY payloads must stay under 8000 bytes; a bigger message goes out without its data. */
    private static final int MAX_PAYLOAD = 7800;

    /**
     * A message as heard on the channel, for some users' streams.
     *
     * @param event  {@link #NOTIFICATION} or {@link #LEDGER}
     * @param update an {@link InboxEntry} or a {@link LedgerChange}; null if it was too big to send
     */
    public record Received(List<String> users, String event, Object update) {
    }

    /** The NOTIFY payload: the users, the stream event and its update as JSON. */
    private record Payload(List<String> users, String event, JsonNode data) {
    }

    private final ObjectMapper json;
    private final Event<Received> received;
    private final PgChannels channels;

    public LiveStreamChannel(ObjectMapper json, Event<Received> received, PgChannels channels) {
        this.json = json;
        this.received = received;
        this.channels = channels;
    }

    /** The stream is live only: nothing to catch up on after a reconnect. */
    void start(@Observes StartupEvent event) {
        channels.listen(CHANNEL, () -> LOG.debug("Listening for stream messages"), this::dispatch);
    }

    @Override
    public Uni<Void> notification(SqlClient c, InboxEntry entry) {
        return publish(c, new Payload(List.of(entry.userId()), NOTIFICATION, json.valueToTree(entry)));
    }

    @Override
    public Uni<Void> ledgerChange(SqlClient c, List<String> users, LedgerChange change) {
        return publish(c, new Payload(users, LEDGER, json.valueToTree(change)));
    }

    /** Queues the message in the caller's transaction: it is sent when (and if) that commits. */
    private Uni<Void> publish(SqlClient c, Payload message) {
        String payload = write(message);
        if (payload.length() > MAX_PAYLOAD) {
            payload = write(new Payload(message.users(), message.event(), null));
        }
        return c.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload)).replaceWithVoid();
    }

    private void dispatch(String text) {
        Received message;
        try {
            Payload payload = json.readValue(text, Payload.class);
            Class<?> type = NOTIFICATION.equals(payload.event()) ? InboxEntry.class : LedgerChange.class;
            message = new Received(payload.users(), payload.event(),
                    payload.data() == null ? null : json.treeToValue(payload.data(), type));
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable stream message dropped: %s", e.getMessage());
            return;
        }
        received.fire(message);
    }

    private String write(Payload message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
