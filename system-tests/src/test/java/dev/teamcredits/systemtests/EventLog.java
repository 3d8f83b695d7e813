package dev.teamcredits.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the real topics from the beginning, the way an analytics consumer would, and keeps every
 * CloudEvent by org id (the record key). Redeliveries are kept too: callers count by event id.
 */
final class EventLog implements AutoCloseable {

    static final List<String> TOPICS = List.of("team.events", "ledger.events", "usage.events");

    /** One record as read: topic and the parsed CloudEvent. */
    record Event(String topic, JsonNode cloudEvent) {
        String id() {
            return cloudEvent.path("id").asText();
        }

        String type() {
            return cloudEvent.path("type").asText();
        }

        JsonNode data() {
            return cloudEvent.path("data");
        }
    }

    private final Map<String, List<Event>> byOrg = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    EventLog(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "system-tests-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // New topics (created when a service first publishes) are picked up quickly.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(TOPICS);
        reader = new Thread(this::read, "system-tests-event-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        JsonNode event = Api.JSON.readTree(r.value());
                        byOrg.computeIfAbsent(String.valueOf(r.key()),
                                k -> Collections.synchronizedList(new ArrayList<>())).add(new Event(r.topic(), event));
                    } catch (IOException e) {
                        // Not a CloudEvent (say, a dead-letter record): not ours to count.
                    }
                }
            }
        } catch (WakeupException e) {
            // close()
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Every event read so far for the org, in topic order per partition. */
    List<Event> forOrg(String orgId) {
        List<Event> events = byOrg.get(orgId);
        if (events == null) {
            return List.of();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
