package dev.teamcredits.notification.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.notification.config.NotificationConfig;
import dev.teamcredits.notification.domain.InboxEntry;
import dev.teamcredits.notification.domain.LedgerChange;
import dev.teamcredits.notification.messaging.LiveStreamChannel.Received;
import dev.teamcredits.notification.rest.mapping.NotificationMapping;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Server-Sent Events connections open on this replica, per user: each message heard on the live
 * stream goes to its users' connections, shaped as the API shows it (a notification as in the inbox
 * list), and a comment line keeps idle connections from being closed by proxies.
 */
@ApplicationScoped
public class LiveStreamConnections {

    private record Client(SseEventSink sink, Sse sse) {
    }

    private final Map<String, Set<Client>> clients = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final ObjectMapper json;
    private final NotificationConfig config;
    private long heartbeatTimer = -1;

    public LiveStreamConnections(Vertx vertx, ObjectMapper json, NotificationConfig config) {
        this.vertx = vertx;
        this.json = json;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        heartbeatTimer = vertx.setPeriodic(config.stream().heartbeat().toMillis(), id -> heartbeat());
    }

    void stop(@Observes ShutdownEvent event) {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        clients.values().forEach(set -> set.forEach(c -> c.sink().close()));
    }

    /** Opens a user's stream: a first {@code ready} event tells the client it is subscribed. */
    public void open(String userId, SseEventSink sink, Sse sse) {
        Client client = new Client(sink, sse);
        clients.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(client);
        send(userId, client, sse.newEventBuilder().name("ready").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, write(Map.of("userId", userId))).build());
    }

    void deliver(@Observes Received message) {
        String data = message.update() == null ? "{}" : write(dto(message.update()));
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

    private Object dto(Object update) {
        return update instanceof InboxEntry entry ? NotificationMapping.dto(entry, json)
                : NotificationMapping.dto((LedgerChange) update, json);
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

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
