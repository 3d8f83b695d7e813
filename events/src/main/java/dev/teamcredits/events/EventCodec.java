package dev.teamcredits.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/**
 * Writes and reads CloudEvents in structured JSON mode. Reading is tolerant of fields added to a
 * data type within its version and strict about everything else: an unknown type or version, or a
 * record that is not a CloudEvent, is an {@link UnreadableEventException} for the consumer's
 * dead-letter handling.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    public static String encode(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + event.type(), e);
        }
    }

    public static CloudEvent<DomainEvent> decode(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException("not JSON", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new UnreadableEventException("not a JSON object", null);
        }
        if (!CloudEvent.SPEC_VERSION.equals(tree.path("specversion").asText())) {
            throw new UnreadableEventException("specversion is not " + CloudEvent.SPEC_VERSION, null);
        }
        String id = tree.path("id").asText("");
        String type = tree.path("type").asText("");
        if (id.isBlank()) {
            throw new UnreadableEventException("no id", null);
        }
        Class<? extends DomainEvent> dataClass = EventCatalog.classOf(type)
                .orElseThrow(() -> new UnreadableEventException("unknown type '" + type + "'", null));
        try {
            DomainEvent data = MAPPER.treeToValue(tree.get("data"), dataClass);
            if (data == null || data.key() == null) {
                throw new UnreadableEventException("no data, or no org or user to key it by", null);
            }
            Instant time = tree.hasNonNull("time") ? Instant.parse(tree.get("time").asText()) : null;
            return new CloudEvent<>(CloudEvent.SPEC_VERSION, id, tree.path("source").asText(null), type,
                    tree.path("subject").asText(null), time, tree.path("datacontenttype").asText(null), data);
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof UnreadableEventException unreadable) {
                throw unreadable;
            }
            throw new UnreadableEventException("data does not match " + type, e);
        }
    }
}
