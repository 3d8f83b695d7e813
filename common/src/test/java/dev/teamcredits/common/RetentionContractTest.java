package dev.teamcredits.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.common.config.RetentionConfig;
import dev.teamcredits.common.messaging.ConsumedEvents;
import dev.teamcredits.common.outbox.OutboxRelay;
import dev.teamcredits.common.retention.Retention;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What retention does with the tables every service shares, run by each service's own
 * {@code @QuarkusTest} subclass against its real database: rows past their window go, however many
 * chunks that takes; rows inside it stay; an unpublished outbox row stays whatever its age; and an
 * event id inside the window still turns a redelivery into a no-op. Rows are written with their age
 * (nothing waits for time to pass).
 */
public abstract class RetentionContractTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String TOPIC = "retention.test";

    @Inject
    protected Pool pool;

    @Inject
    protected Retention retention;

    @Inject
    protected RetentionConfig config;

    @Test
    void rowsPastTheirWindowGoChunkByChunkAndRowsInsideItStay() {
        String run = UUID.randomUUID().toString();
        int manyChunks = 2 * config.chunkSize() + 1;
        keys(run + "-old", manyChunks, ago(config.idempotencyKeys().plus(HOUR)));
        keys(run + "-kept", 1, ago(config.idempotencyKeys().minus(HOUR)));
        eventIds(run + "-old", manyChunks, ago(config.processedEvents().plus(HOUR)));
        eventIds(run + "-kept", 1, ago(config.processedEvents().minus(HOUR)));
        published(run + "-old", manyChunks, ago(config.publishedOutbox().plus(HOUR)));
        published(run + "-kept", 1, ago(config.publishedOutbox().minus(HOUR)));

        purge();

        assertEquals(0, count("SELECT count(*) FROM idempotency_record WHERE caller = $1", run + "-old"));
        assertEquals(1, count("SELECT count(*) FROM idempotency_record WHERE caller = $1", run + "-kept"));
        assertEquals(0, count("SELECT count(*) FROM processed_event WHERE event_id LIKE $1 || '%'", run + "-old"));
        assertEquals(1, count("SELECT count(*) FROM processed_event WHERE event_id LIKE $1 || '%'", run + "-kept"));
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE message_key = $1", run + "-old"));
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE message_key = $1", run + "-kept"));
    }

    @Test
    void anUnpublishedOutboxRowStaysWhateverItsAge() {
        String key = UUID.randomUUID().toString();
        // Its own connection holds the relay's lock, so the row stays unpublished while retention runs.
        SqlConnection relayOff = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            run(relayOff, "SELECT pg_advisory_lock($1)", Tuple.of(OutboxRelay.LOCK));
            run(relayOff, "INSERT INTO outbox_event (id, topic, message_key, event_type, payload, created_at) "
                    + "VALUES (gen_random_uuid(), $1, $2, 'test', '{}', $3)", Tuple.of(TOPIC, key,
                            ago(config.publishedOutbox().multipliedBy(10))));
            purge();
            assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE message_key = $1 AND published_at IS NULL",
                    key));
        } finally {
            // Never published: the topic is made up.
            run(relayOff, "DELETE FROM outbox_event WHERE message_key = $1", Tuple.of(key));
            run(relayOff, "SELECT pg_advisory_unlock($1)", Tuple.of(OutboxRelay.LOCK));
            relayOff.closeAndAwait();
        }
    }

    @Test
    void anEventIdInsideTheWindowStillMakesARedeliveryANoOp() {
        String run = UUID.randomUUID().toString();
        eventIds(run + "-kept", 1, ago(config.processedEvents().minus(HOUR)));
        eventIds(run + "-old", 1, ago(config.processedEvents().plus(HOUR)));

        purge();

        assertFalse(ConsumedEvents.markProcessed(pool, run + "-kept-1", TOPIC).await().atMost(Duration.ofSeconds(10)),
                "still known: a redelivery changes nothing");
        assertTrue(ConsumedEvents.markProcessed(pool, run + "-old-1", TOPIC).await().atMost(Duration.ofSeconds(10)),
                "past the window: forgotten");
    }

    /** Runs the retention job now, as its schedule would. */
    protected void purge() {
        retention.purge().await().atMost(Duration.ofSeconds(60));
    }

    /** Makes every row of {@code table} matching {@code where} as old as {@code age}. */
    protected void age(String table, String column, String where, Tuple params, Duration age) {
        run(pool, "UPDATE " + table + " SET " + column + " = now() - make_interval(secs => " + age.toSeconds() + ") WHERE "
                + where, params);
    }

    protected static OffsetDateTime ago(Duration age) {
        return Instant.now().minus(age).atOffset(ZoneOffset.UTC);
    }

    protected long count(String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong(0);
    }

    private void keys(String caller, int rows, OffsetDateTime at) {
        run(pool, "INSERT INTO idempotency_record (caller, idempotency_key, fingerprint, response, created_at) "
                + "SELECT $1, 'k' || i, 'f', '{}', $2 FROM generate_series(1, $3::int) i", Tuple.of(caller, at, rows));
    }

    private void eventIds(String prefix, int rows, OffsetDateTime at) {
        run(pool, "INSERT INTO processed_event (event_id, topic, processed_at) "
                + "SELECT $1 || '-' || i, $4, $2 FROM generate_series(1, $3::int) i", Tuple.of(prefix, at, rows, TOPIC));
    }

    private void published(String key, int rows, OffsetDateTime at) {
        run(pool, "INSERT INTO outbox_event (id, topic, message_key, event_type, payload, created_at, published_at) "
                + "SELECT gen_random_uuid(), $4, $1, 'test', '{}', $2, $2 FROM generate_series(1, $3::int)",
                Tuple.of(key, at, rows, TOPIC));
    }

    private static void run(SqlClient client, String sql, Tuple params) {
        client.preparedQuery(sql).execute(params).await().atMost(Duration.ofSeconds(30));
    }
}
