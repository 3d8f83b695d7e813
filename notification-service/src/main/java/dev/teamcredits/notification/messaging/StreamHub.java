package dev.teamcredits.notification.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.notification.config.NotificationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The live stream's switchboard. Stream messages are sent with PostgreSQL {@code NOTIFY} inside the
 * transaction that handles an event, so they go out only if it commits, and every replica (each
 * LISTENing) passes them to the streams its own users have open.
 */
@ApplicationScoped
public class StreamHub {

    private static final Logger LOG = Logger.getLogger(StreamHub.class);
    static final String CHANNEL = "notification_stream";
    /** NOTIFY payloads must stay under 8000 bytes; a bigger message goes out without its data. */
    private static final int MAX_PAYLOAD = 7800;

    /** One message for some users: an SSE event name and its JSON data. */
    public record StreamMessage(List<String> users, String event, JsonNode data) {
    }

    private record Client(SseEventSink sink, Sse sse) {
    }

    private final Map<String, Set<Client>> clients = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final ObjectMapper json;
    private final NotificationConfig config;
    private final String url;
    private final String user;
    private final String password;
    private PgSubscriber subscriber;
    private long heartbeatTimer = -1;

    public StreamHub(Vertx vertx, ObjectMapper json, NotificationConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.json = json;
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(CHANNEL).handler(this::dispatch);
        subscriber.connect().subscribe().with(v -> LOG.debug("Listening for stream messages"),
                e -> LOG.warnf("Stream listener not connected yet (%s); it keeps trying", e.getMessage()));
        heartbeatTimer = vertx.setPeriodic(config.stream().heartbeat().toMillis(), id -> heartbeat());
    }

    void stop(@Observes ShutdownEvent event) {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        clients.values().forEach(set -> set.forEach(c -> c.sink().close()));
    }

    /** Queues the message in the caller's transaction: it is sent when (and if) that commits. */
    public Uni<Void> publish(SqlClient c, StreamMessage message) {
        String payload = write(message);
        if (payload.length() > MAX_PAYLOAD) {
            payload = write(new StreamMessage(message.users(), message.event(), null));
        }
        return c.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload)).replaceWithVoid();
    }

    /** Opens a user's stream: a first {@code ready} event tells the client it is subscribed. */
    public void open(String userId, SseEventSink sink, Sse sse) {
        Client client = new Client(sink, sse);
        clients.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(client);
        send(userId, client, sse.newEventBuilder().name("ready").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, "{\"userId\":" + quote(userId) + "}").build());
    }

    /** How many streams are open on this replica (for tests and metrics). */
    public int openStreams() {
        return clients.values().stream().mapToInt(Set::size).sum();
    }

    private void dispatch(String payload) {
        StreamMessage message;
        try {
            message = json.readValue(payload, StreamMessage.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable stream message dropped: %s", e.getMessage());
            return;
        }
        String data = message.data() == null ? "{}" : message.data().toString();
        for (String userId : message.users()) {
            Set<Client> open = clients.get(userId);
            if (open == null) {
                continue;
            }
            for (Client client : open) {
                send(userId, client, client.sse().newEventBuilder().name(message.event())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, data).build());
            }
        }
    }

    private void heartbeat() {
        clients.forEach((userId, open) -> open.forEach(client -> send(userId, client,
                client.sse().newEventBuilder().comment("keep-alive").build())));
    }

    private void send(String userId, Client client, OutboundSseEvent event) {
        if (client.sink().isClosed()) {
            forget(userId, client);
            return;
        }
        client.sink().send(event).whenComplete((ok, failure) -> {
            if (failure != null) {
                forget(userId, client);
            }
        });
    }

    private void forget(String userId, Client client) {
        Set<Client> open = clients.get(userId);
        if (open != null) {
            open.remove(client);
            if (open.isEmpty()) {
                clients.remove(userId, open);
            }
        }
    }

    private String write(StreamMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
