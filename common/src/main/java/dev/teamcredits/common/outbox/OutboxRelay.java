package dev.teamcredits.common.outbox;

import dev.teamcredits.common.config.OutboxConfig;
import dev.teamcredits.common.messaging.PgChannels;
import dev.teamcredits.events.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in {@code seq} order and marks them published in the
 * same transaction. A transaction-scoped advisory lock lets only one replica relay at a time, so
 * several replicas never reorder one org's events. If Kafka is down the transaction rolls back and
 * the rows stay for the next round: nothing is lost. A crash after Kafka acknowledged but before the
 * commit re-publishes the same event ids, which consumers deduplicate.
 *
 * <p><b>When it runs.</b> A trigger on {@code outbox_event} (common's {@code R__outbox_event_notify.sql})
 * NOTIFYs {@value #CHANNEL} in every transaction that inserts rows, and PostgreSQL delivers that only
 * when the transaction commits (never for a rollback). The relay LISTENs on a connection of its own
 * ({@link PgChannels}) and drains as soon as it hears one, so an event leaves within milliseconds of
 * its commit. Wakes are coalesced: one drain at a time, and wakes that arrive during a drain cause
 * exactly one more drain after it, so a burst of commits costs a few drains, not one each, and no
 * commit is left waiting. Every replica listens; the one that gets the lock drains, the others find
 * it taken and stop, and the holder drains again for the wakes it heard meanwhile.
 *
 * <p><b>Failure modes.</b> The poll ({@code teamcredits.outbox.poll-interval}, 10 s) stays as the
 * fallback for what a wake can miss: a NOTIFY lost while the LISTEN connection was down (the
 * connection is reopened every second and the relay drains once it listens again, so this is rare),
 * a connection that died without the client noticing yet, and a round that failed (Kafka away): the
 * rows wait for the next commit's wake or the next poll. A lost wake delays events; it never loses
 * or reorders them. PostgreSQL serializes the commits of notifying transactions on one lock, which is
 * why writers that commit many changes at once (the ledger's spend batches) notify once per batch.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The channel the outbox trigger notifies on commit. */
    static final String CHANNEL = "outbox_event";
    /**
     * The advisory lock a relay round holds (any constant shared by the replicas of one service, one
     * database). Whoever holds it, say an operator or a test with {@code pg_advisory_lock}, holds the
     * relay off.
     */
    public static final long LOCK = 0x7465616d_6f757462L;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final PgChannels channels;
    /** Wakes not yet served; non-zero while a drain runs. */
    private final AtomicInteger wakes = new AtomicInteger();

    /** Reads and marks rows with the reactive SQL client, in its own transactions, whatever style the service uses. */
    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, OutboxConfig config,
            PgChannels channels) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.channels = channels;
    }

    /** After the messaging channels are wired (they start before application observers). */
    void listen(@Observes StartupEvent event) {
        if (config.enabled()) {
            channels.listen(CHANNEL, this::wake, payload -> wake());
        }
    }

    /** The fallback for wakes that never came. */
    @Scheduled(every = "${teamcredits.outbox.poll-interval:10s}", delayed = "3s")
    void poll() {
        if (config.enabled()) {
            wake();
        }
    }

    /** Drains now, or once more right after the drain in progress: never two at once. */
    void wake() {
        if (wakes.getAndIncrement() == 0) {
            drainWhileWoken();
        }
    }

    private void drainWhileWoken() {
        int served = wakes.get();
        drain().onFailure().invoke(e -> LOG.warnf("Outbox relay will retry: %s", e.getMessage()))
                .onFailure().recoverWithItem(0)
                .subscribe().with(published -> {
                    if (wakes.addAndGet(-served) > 0) {
                        drainWhileWoken();
                    }
                });
    }

    /** Publishes batches until the outbox is empty; returns how many events were published. */
    Uni<Integer> drain() {
        return publishPending().chain(published -> published < config.batchSize() ? Uni.createFrom().item(published)
                : drain().map(more -> published + more));
    }

    /** One relay transaction: at most one batch; returns how many events were published. */
    Uni<Integer> publishPending() {
        return pool.withTransaction(c -> c.query("SELECT pg_try_advisory_xact_lock(" + LOCK + ")").execute()
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
}
