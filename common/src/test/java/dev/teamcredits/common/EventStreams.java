package dev.teamcredits.common;

import dev.teamcredits.events.CloudEvent;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test helpers for services that consume our topics: feed records exactly as production does, and wait. */
public final class EventStreams {

    private EventStreams() {
    }

    /** The broker of the running test (from the service's configuration). */
    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /**
     * Produces records as the outbox relay does: keyed, with the CloudEvents content-type header.
     * (Without the header a test would miss how the Kafka connector treats real records.)
     *
     * @param keyedValues {key, value} pairs, produced in order
     */
    public static void produce(String topic, List<String[]> keyedValues) {
        List<ProducerRecord<String, String>> records = keyedValues.stream().map(kv -> {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, kv[0], kv[1]);
            record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            return record;
        }).toList();
        try (KafkaCompanion companion = new KafkaCompanion(bootstrapServers())) {
            companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
        }
    }

    /** Polls {@code condition} every 100 ms; fails after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
