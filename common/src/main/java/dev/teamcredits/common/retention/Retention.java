package dev.teamcredits.common.retention;

import dev.teamcredits.common.config.RetentionConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Deletes what the shared tables that only grow no longer need, by the windows of
 * {@link RetentionConfig}: idempotency keys, the ids of applied events, published outbox rows (never
 * an unpublished one). Every service runs it on its own database; a table a service does not use
 * stays empty and costs one index probe. Each table is cleaned in chunks: one short statement per
 * chunk of at most {@code chunk-size} rows, picked by {@code ctid} with {@code FOR UPDATE SKIP
 * LOCKED}, so no statement holds many locks for long, replicas running the job at once take
 * different rows, and a row some live transaction holds is simply left for the next run.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** One table, and which of its rows have outlived the window ({@code $1} is the cutoff). */
    private record Rule(String table, String expired, Duration window) {
    }

    private final Pool pool;
    private final RetentionConfig config;
    private final List<Rule> rules;

    public Retention(Pool pool, RetentionConfig config) {
        this.pool = pool;
        this.config = config;
        this.rules = List.of(
                new Rule("idempotency_record", "created_at < $1", config.idempotencyKeys()),
                new Rule("processed_event", "processed_at < $1", config.processedEvents()),
                new Rule("outbox_event", "published_at IS NOT NULL AND published_at < $1", config.publishedOutbox()));
    }

    @Scheduled(every = "${teamcredits.retention.interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge()
                .invoke(deleted -> deleted.forEach((table, rows) -> {
                    if (rows > 0) {
                        LOG.infof("Retention deleted %d rows of %s", rows, table);
                    }
                }))
                .onFailure().invoke(e -> LOG.warnf("Retention failed; the next run goes on: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes every row past its window now; how many went, per table. */
    public Uni<Map<String, Long>> purge() {
        Instant now = Instant.now();
        Map<String, Long> deleted = new LinkedHashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Rule rule : rules) {
            OffsetDateTime cutoff = now.minus(rule.window()).atOffset(ZoneOffset.UTC);
            all = all.chain(() -> purge(rule, cutoff, 0)).invoke(rows -> deleted.put(rule.table(), rows))
                    .replaceWithVoid();
        }
        return all.replaceWith(deleted);
    }

    /** Chunk after chunk until one comes back short. The age is checked again on delete, for rows changed meanwhile. */
    private Uni<Long> purge(Rule rule, OffsetDateTime cutoff, long sofar) {
        int chunk = config.chunkSize();
        return pool.preparedQuery("DELETE FROM " + rule.table() + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM "
                + rule.table() + " WHERE " + rule.expired() + " LIMIT $2 FOR UPDATE SKIP LOCKED)) AND " + rule.expired())
                .execute(Tuple.of(cutoff, chunk))
                .chain(result -> result.rowCount() < chunk ? Uni.createFrom().item(sofar + result.rowCount())
                        : purge(rule, cutoff, sofar + result.rowCount()));
    }
}
