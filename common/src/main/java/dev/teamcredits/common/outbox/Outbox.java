package dev.teamcredits.common.outbox;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the service layer records the events of a change. Call it inside the change's own
 * transaction: the event then commits or rolls back with the change, and {@link OutboxRelay}
 * publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final String source;

    public Outbox(OutboxRepository repository, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.repository = repository;
        this.source = "/" + service;
    }

    /** Appends one event for {@code topic}, keyed by its org id (or user, for personal balances). */
    public <T extends DomainEvent> Uni<OutboxEvent> append(String topic, T data) {
        return repository.persist(row(topic, data));
    }

    /**
     * The outbox row for an event, for services that write it with their own SQL in the same
     * transaction (the ledger writes many at once).
     */
    public <T extends DomainEvent> OutboxEvent row(String topic, T data) {
        CloudEvent<T> event = CloudEvent.of(source, data);
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.fromString(event.id());
        row.topic = topic;
        row.messageKey = data.key();
        row.eventType = event.type();
        row.payload = EventCodec.encode(event);
        row.createdAt = Instant.now();
        return row;
    }
}
