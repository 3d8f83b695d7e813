package dev.teamcredits.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode: what each Kafka record's value holds
 * (content type {@value #CONTENT_TYPE}).
 *
 * @param id      unique and stable: a redelivery or re-publish carries the same id
 * @param source  the producing service, e.g. {@code /team-service}
 * @param type    {@code dev.teamcredits.<name>.v<version>}, see {@link EventType}
 * @param subject the org id (the user id for personal-balance events)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data" })
public record CloudEvent<T extends DomainEvent>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** A new event with a fresh id, stamped now. */
    public static <T extends DomainEvent> CloudEvent<T> of(String source, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, EventCatalog.typeOf(data.getClass()),
                data.key(), Instant.now(), "application/json", data);
    }
}
