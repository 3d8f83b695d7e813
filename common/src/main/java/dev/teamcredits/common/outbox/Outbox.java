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

    /** Appends one event for {@code topic}, keyed by its org id. */
    public <T extends DomainEvent> Uni<CloudEvent<T>> append(String topic, T data) {
        CloudEvent<T> event = CloudEvent.of(source, data);
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.fromString(event.id());
        row.topic = topic;
        row.messageKey = data.orgId().toString();
        row.eventType = event.type();
        row.payload = EventCodec.encode(event);
        row.createdAt = Instant.now();
        return repository.persist(row).replaceWith(event);
    }
}
