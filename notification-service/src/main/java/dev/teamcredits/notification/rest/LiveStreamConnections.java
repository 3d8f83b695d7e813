package dev.teamcredits.notification.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.notification.config.NotificationConfig;
import dev.teamcredits.notification.domain.InboxEntry;
import dev.teamcredits.notification.domain.LedgerChange;
import dev.teamcredits.notification.messaging.LiveStreamChannel.Received;
import dev.teamcredits.notification.rest.mapping.NotificationMapping;
import dev.teamcredits.notification.service.NotificationProblems;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Server-Sent Events connections open on this replica, per user: each message heard on the live
 * stream goes to its users' connections, shaped as the API shows it (a notification as in the inbox
 * list), and a comment line keeps idle connections from being closed by proxies. Bounded: a user may
 * hold {@code notification.stream.max-per-user} streams and the replica {@code max-connections}
 * (more are refused before anything is opened), and a connection whose client stopped reading is
 * closed after {@code max-unsent} events, so memory does not grow with slow or idle clients.
 */
@ApplicationScoped
public class LiveStreamConnections {

    private record Client(SseEventSink sink, Sse sse, AtomicInteger unsent) {
    }

    private final Map<String, Set<Client>> clients = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
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
        Client client = new Client(sink, sse, new AtomicInteger());
        boolean[] admitted = {false};
        int[] gone = {0};
        clients.compute(userId, (u, mine) -> {
            Set<Client> set = mine == null ? ConcurrentHashMap.newKeySet() : mine;
            // A page reloaded a moment ago: its old stream is closed but not yet forgotten.
            for (Client old : List.copyOf(set)) {
                if (old.sink().isClosed() && set.remove(old)) {
                    gone[0]++;
                }
            }
            if (set.size() < config.stream().maxPerUser()) {
                set.add(client);
                admitted[0] = true;
            }
            return set.isEmpty() ? null : set;
        });
        open.addAndGet(-gone[0]);
        if (!admitted[0]) {
            throw NotificationProblems.tooManyStreams(config.stream().maxPerUser());
        }
        if (open.incrementAndGet() > config.stream().maxConnections()) {
            forget(userId, client);
            throw NotificationProblems.streamsFull();
        }
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
        if (client.unsent().incrementAndGet() > config.stream().maxUnsent()) {
            forget(userId, client);
            client.sink().close();
            return;
        }
        client.sink().send(event).whenComplete((ok, failure) -> {
            client.unsent().decrementAndGet();
            if (failure != null) {
                forget(userId, client);
            }
        });
    }

    private void forget(String userId, Client client) {
        boolean[] removed = {false};
        clients.computeIfPresent(userId, (u, mine) -> {
            removed[0] = mine.remove(client);
            return mine.isEmpty() ? null : mine;
        });
        if (removed[0]) {
            open.decrementAndGet();
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
