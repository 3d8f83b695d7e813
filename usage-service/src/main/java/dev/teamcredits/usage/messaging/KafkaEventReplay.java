package dev.teamcredits.usage.messaging;

import dev.teamcredits.common.messaging.ParkedEvents;
import dev.teamcredits.events.Topics;
import dev.teamcredits.usage.config.UsageConfig;
import dev.teamcredits.usage.service.EventReplay;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads ledger.events and team.events for a rebuild with a consumer outside the group: it is assigned every
 * partition, so the replica that serves the rebuild replays all of them, however the group shares them among
 * replicas. Each record goes through {@link ParkedEvents} like a live one (same apply path, same dedupe, same
 * parking), while the group's consumers keep applying new events on every replica.
 */
@ApplicationScoped
public class KafkaEventReplay implements EventReplay {

    private static final Logger LOG = Logger.getLogger(KafkaEventReplay.class);
    private static final List<String> TOPICS = List.of(Topics.LEDGER, Topics.TEAM);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration FIRST_RECORD_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final ParkedEvents parking;
    private final UsageConfig config;

    public KafkaEventReplay(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ParkedEvents parking, UsageConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.parking = parking;
        this.config = config;
    }

    @Override
    public Optional<Instant> retainedSince() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant since = null;
            for (TopicPartition tp : partitions) {
                if (begin.get(tp) == 0) {
                    continue; // nothing deleted: everything it ever had is still there
                }
                // Retention deletes whole segments from the front, and records are appended in time order, so
                // what was deleted is older than the first record left. An emptied partition kept nothing: its
                // records are older than the topic's retention.
                Instant first = begin.get(tp) < end.get(tp) ? firstTime(consumer, tp, begin.get(tp))
                        : Instant.now().minus(config.rebuild().topicRetention());
                since = since == null || first.isAfter(since) ? first : since;
            }
            return Optional.ofNullable(since);
        }
    }

    @Override
    public long replayAll() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long read = 0;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                for (ConsumerRecord<String, String> record : records) {
                    // In order per partition, one at a time, as the group's consumers apply them.
                    parking.consume(record).await().indefinitely();
                    read++;
                }
            }
            LOG.infof("Replayed %d records of %s", read, TOPICS);
            return read;
        }
    }

    private static Instant firstTime(KafkaConsumer<String, String> consumer, TopicPartition tp, long offset) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, offset);
        long deadline = System.nanoTime() + FIRST_RECORD_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                return Instant.ofEpochMilli(record.timestamp());
            }
        }
        throw new IllegalStateException("No record at " + tp + "@" + offset + " within " + FIRST_RECORD_TIMEOUT);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "usage-rebuild");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
