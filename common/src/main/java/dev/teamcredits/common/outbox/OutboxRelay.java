package dev.teamcredits.common.outbox;

import dev.teamcredits.common.config.OutboxConfig;
import dev.teamcredits.events.CloudEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in {@code seq} order and marks them published in the
 * same transaction. A transaction-scoped advisory lock lets only one replica relay at a time, so
 * several replicas never reorder one org's events. If Kafka is down the transaction rolls back and
 * the rows stay for the next poll: nothing is lost. A crash after Kafka acknowledged but before the
 * commit re-publishes the same event ids, which consumers deduplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** pg_advisory lock key: any constant shared by the replicas of one service (one database). */
    private static final long RELAY_LOCK = 0x7465616d_6f757462L;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;

    /** Reads and marks rows with the reactive SQL client, in its own transactions, whatever style the service uses. */
    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, OutboxConfig config) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
    }

    /** Starts after the messaging channels are wired; each run drains the backlog batch by batch. */
    @Scheduled(every = "${teamcredits.outbox.poll-interval:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return drain()
                .onFailure().invoke(e -> LOG.warnf("Outbox relay will retry: %s", e.getMessage()))
                .onFailure().recoverWithItem(0)
                .replaceWithVoid();
    }

    /** Publishes batches until the outbox is empty; returns how many events were published. */
    Uni<Integer> drain() {
        return publishPending().chain(published -> published < config.batchSize() ? Uni.createFrom().item(published)
                : drain().map(more -> published + more));
    }

    /** One relay transaction: at most one batch; returns how many events were published. */
    Uni<Integer> publishPending() {
        return pool.withTransaction(c -> c.query("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ")").execute()
                .chain(locked -> locked.iterator().next().getBoolean(0) ? publishBatch(c) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection c) {
        return c.preparedQuery("SELECT seq, topic, message_key, payload::text FROM outbox_event "
                + "WHERE published_at IS NULL ORDER BY seq LIMIT $1").execute(Tuple.of(config.batchSize()))
                .chain(result -> {
                    List<OutboxEvent> rows = new ArrayList<>();
                    for (Row r : result) {
                        OutboxEvent row = new OutboxEvent();
                        row.seq = r.getLong(0);
                        row.topic = r.getString(1);
                        row.messageKey = r.getString(2);
                        row.payload = r.getString(3);
                        rows.add(row);
                    }
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // Sent in seq order without waiting in between; the idempotent producer keeps that order
                    // per partition, and the batch commits only once Kafka acknowledged every record.
                    return Uni.join().all(rows.stream().map(this::send).toList()).andFailFast()
                            .chain(() -> c.preparedQuery("UPDATE outbox_event SET published_at = now() "
                                    + "WHERE seq = ANY($1)").execute(Tuple.of(rows.stream().map(r -> r.seq)
                                            .toArray(Long[]::new))))
                            .replaceWith(rows.size());
                });
    }

    private Uni<Void> send(OutboxEvent row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return emitter.sendMessage(Message.of(row.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic).withKey(row.messageKey).withHeaders(headers).build()));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanUp() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < $1")
                .execute(Tuple.of(Instant.now().minus(config.retention()).atOffset(ZoneOffset.UTC)))
                .onFailure().invoke(e -> LOG.warnf("Outbox cleanup failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
