package dev.teamcredits.common.messaging;

import dev.teamcredits.common.config.ConsumerConfig;
import dev.teamcredits.common.persistence.DatabaseErrors;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.UnreadableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * How every consumer of our topics handles a record, so that no event stalls its partition forever and none is
 * lost. Three kinds of failure:
 * <ul>
 * <li>an <b>unreadable</b> record (not a CloudEvent we know, or not for this consumer) is parked at once: a retry
 * reads the same bytes;</li>
 * <li>a <b>transient</b> infrastructure error ({@link DatabaseErrors#isTransient}: database away, connection lost) is retried
 * with backoff until it passes and never parks: the event is fine, the partition rightly waits;</li>
 * <li>any other failure to <b>apply</b> a readable event (a rule or constraint it breaks, a bug) is retried
 * {@code teamcredits.consumers.attempts} times with backoff, then parked.</li>
 * </ul>
 * Parking writes a {@code parked_event} row, logs an ERROR with the event id and the reason and counts
 * {@code teamcredits.events.parked} (tags topic, reason); then the partition goes on. A consumer that keeps the order
 * of a key ({@link Ordering#HOLD_KEY}) parks every later record of that key behind a parked event, without trying
 * it, and a re-drive applies them again in their order. An unreadable record holds nothing back: it is no event this
 * version of the service knows, so there is no order to keep with it (re-driven after an upgrade, it applies late).
 * An operator re-drives through {@link #redrive}, which applies
 * the event through the same registered apply path; that path's processed-event dedupe keeps it exactly once.
 */
@ApplicationScoped
public class ParkedEvents {

    private static final Logger LOG = Logger.getLogger(ParkedEvents.class);
    private static final String COLUMNS = "id, event_id, event_type, topic, kafka_partition, kafka_offset, "
            + "message_key, reason, error, attempts, parked_at, redriven_at";

    /** Whether a parked event holds back the later events of its key. */
    public enum Ordering {
        /** Later events of the key go on: the consumer's effects do not depend on their order. */
        INDEPENDENT,
        /** Later events of the key are parked behind it and re-driven after it, in order. */
        HOLD_KEY
    }

    /** Why an event was parked. */
    public enum Reason {
        UNREADABLE, FAILED, HELD
    }

    /** A consumer's apply path: applies the event exactly once (dedupe by event id) or fails. */
    @FunctionalInterface
    public interface Applier {
        Uni<Void> apply(String topic, CloudEvent<DomainEvent> event);
    }

    /** A parked event as the operator sees it. */
    @Schema(description = "An event a consumer could not apply and set aside")
    public record Parked(@Schema(description = "Its id in this service, for a re-drive") long id,
            @Schema(description = "The event's CloudEvents id") String eventId,
            @Schema(description = "The event's CloudEvents type") String eventType,
            @Schema(description = "The Kafka topic it came from") String topic,
            @Schema(description = "Its Kafka partition") int partition,
            @Schema(description = "Its Kafka offset") long offset,
            @Schema(description = "Its Kafka key (events of one key are applied in order)", nullable = true) String key,
            @Schema(description = "Why it was parked", enumeration = { "UNREADABLE", "FAILED", "HELD" }) String reason,
            @Schema(description = "The last error applying it", nullable = true) String error,
            @Schema(description = "How often it was tried") int attempts,
            @Schema(description = "When it was parked") OffsetDateTime parkedAt,
            @Schema(description = "When it was applied by a re-drive; null while it waits", nullable = true)
            OffsetDateTime redrivenAt) {
    }

    /** The outcome of a re-drive: the events it applied in order, and the one that still failed, if any. */
    public record Redrive(List<Parked> redriven, Optional<Parked> stillFailing) {
    }

    private record Route(Ordering ordering, Applier applier) {
    }

    private final Pool pool;
    private final ConsumerConfig config;
    private final MeterRegistry meters;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    public ParkedEvents(Pool pool, ConsumerConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.config = config;
        this.meters = meters;
    }

    /** Registers the consumer of {@code topic}: how it applies an event and whether it keeps a key's order. */
    public void register(String topic, Ordering ordering, Applier applier) {
        routes.put(topic, new Route(ordering, applier));
    }

    /**
     * Handles one record: applies it, or parks it as described above. Completes once the record is applied or
     * parked (so the offset may be committed); fails only if the record's topic has no registered consumer.
     */
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Route route = route(record.topic());
        CloudEvent<DomainEvent> event;
        try {
            event = EventCodec.decode(record.value());
        } catch (UnreadableEventException e) {
            return park(record, null, Reason.UNREADABLE, e, 0);
        }
        Uni<Optional<Long>> earlier = route.ordering() == Ordering.HOLD_KEY && record.key() != null
                ? parkedBefore(record) : Uni.createFrom().item(Optional.empty());
        return retryTransient(earlier, event.id()).chain(blocker -> blocker.isPresent()
                ? park(record, event, Reason.HELD, new IllegalStateException("held behind parked event #"
                        + blocker.get() + " of the same key"), 0)
                : applyOrPark(record, event, route));
    }

    private Uni<Void> applyOrPark(ConsumerRecord<String, String> record, CloudEvent<DomainEvent> event, Route route) {
        AtomicInteger attempts = new AtomicInteger();
        return retryTransient(Uni.createFrom().deferred(() -> route.applier().apply(record.topic(), event)), event.id())
                .onFailure().invoke(e -> {
                    attempts.incrementAndGet();
                    LOG.warnf("Applying %s %s failed (attempt %d of %d): %s", event.type(), event.id(), attempts.get(),
                            config.attempts(), e.toString());
                })
                .onFailure(e -> !(e instanceof UnreadableEventException)).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).atMost(config.attempts() - 1L)
                .onFailure().recoverWithUni(e -> park(record, event, e instanceof UnreadableEventException
                        ? Reason.UNREADABLE : Reason.FAILED, e, attempts.get()));
    }

    /** Retries {@code work} while it fails transiently: the event is not at fault, so it is never parked for it. */
    private <T> Uni<T> retryTransient(Uni<T> work, String eventId) {
        return work.onFailure(DatabaseErrors::isTransient)
                .invoke(e -> LOG.warnf("Event %s waits for the database: %s", eventId, e.toString()))
                .onFailure(DatabaseErrors::isTransient).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff())
                .indefinitely();
    }

    /** The earliest still-parked record of the same topic and key before this one, if any. */
    private Uni<Optional<Long>> parkedBefore(ConsumerRecord<String, String> record) {
        return pool.preparedQuery("SELECT id FROM parked_event WHERE topic = $1 AND message_key = $2 "
                + "AND redriven_at IS NULL AND reason <> 'UNREADABLE' "
                + "AND (kafka_partition <> $3 OR kafka_offset < $4) ORDER BY id LIMIT 1")
                .execute(Tuple.of(record.topic(), record.key(), record.partition(), record.offset()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
    }

    /**
     * Parks the record: a row, an ERROR line and the metric. Writing the row is retried until it succeeds (the
     * database may be away), since dropping it would lose the event; a record parked before is parked once.
     */
    private Uni<Void> park(ConsumerRecord<String, String> record, CloudEvent<DomainEvent> event, Reason reason,
            Throwable error, int attempts) {
        String eventId = event == null ? null : event.id();
        String message = error.toString();
        Uni<Boolean> insert = pool.preparedQuery("INSERT INTO parked_event (event_id, event_type, topic, kafka_partition, "
                + "kafka_offset, message_key, payload, reason, error, attempts) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(Arrays.asList(eventId, event == null ? null : event.type(), record.topic(),
                        record.partition(), record.offset(), record.key(), record.value(), reason.name(), message,
                        attempts)))
                .map(rows -> rows.rowCount() == 1);
        return insert
                .onFailure().invoke(e -> LOG.warnf("Parking %s failed, retrying: %s", eventId, e.toString()))
                .onFailure().retry().withBackOff(config.initialBackoff(), config.maxBackoff()).indefinitely()
                .invoke(inserted -> {
                    if (!inserted) {
                        return; // this very record was parked before (a redelivery, or a rebuild's replay)
                    }
                    LOG.errorf("Parked event %s (%s) from %s-%d@%d, key %s, after %d attempts, reason %s: %s", eventId,
                            event == null ? "unreadable" : event.type(), record.topic(), record.partition(),
                            record.offset(), record.key(), attempts, reason, message);
                    meters.counter("teamcredits.events.parked", "topic", record.topic(), "reason",
                            reason.name().toLowerCase(java.util.Locale.ROOT)).increment();
                })
                .replaceWithVoid();
    }

    /** Parked events, oldest first; only those not re-driven yet when {@code waitingOnly}. */
    public Uni<List<Parked>> list(boolean waitingOnly, int limit) {
        return list(waitingOnly, 0, limit);
    }

    /** Up to {@code limit} parked events with an id above {@code afterId}, oldest first. */
    public Uni<List<Parked>> list(boolean waitingOnly, long afterId, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM parked_event WHERE id > $2 "
                + (waitingOnly ? "AND redriven_at IS NULL " : "") + "ORDER BY id LIMIT $1")
                .execute(Tuple.of(limit, afterId)).map(rows -> {
                    List<Parked> list = new ArrayList<>();
                    rows.forEach(r -> list.add(parked(r)));
                    return list;
                });
    }

    public Uni<Optional<Parked>> find(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM parked_event WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(parked(rows.iterator().next())));
    }

    /**
     * The parked event that must be re-driven before {@code parked}: an earlier one of the same key still parked, for
     * a consumer that keeps a key's order.
     */
    public Uni<Optional<Parked>> blocker(Parked parked) {
        Route route = routes.get(parked.topic());
        if (route == null || route.ordering() != Ordering.HOLD_KEY || parked.key() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM parked_event WHERE topic = $1 AND message_key = $2 "
                + "AND redriven_at IS NULL AND reason <> 'UNREADABLE' AND id <> $3 "
                + "AND (kafka_partition <> $4 OR kafka_offset < $5) "
                + "ORDER BY id LIMIT 1")
                .execute(Tuple.of(parked.topic(), parked.key(), parked.id(), parked.partition(), parked.offset()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(parked(rows.iterator().next())));
    }

    /**
     * Applies a parked event again through its consumer's apply path, once; an event re-driven before is not
     * applied again (and its consumer's dedupe would make a second application change nothing anyway). For a
     * consumer that keeps a key's order, the events of the key parked behind it follow, in order, until one fails.
     * The caller checks {@link #blocker} first.
     */
    public Uni<Redrive> redrive(Parked first) {
        List<Parked> done = new ArrayList<>();
        return redriveOne(first).chain(failed -> {
            if (failed.isPresent()) {
                return Uni.createFrom().item(new Redrive(done, failed));
            }
            done.add(first);
            Route route = routes.get(first.topic());
            if (route == null || route.ordering() != Ordering.HOLD_KEY || first.key() == null) {
                return Uni.createFrom().item(new Redrive(done, Optional.empty()));
            }
            return followers(first, done);
        }).chain(result -> Multi.createFrom().iterable(result.redriven()).onItem()
                .transformToUniAndConcatenate(p -> find(p.id())).collect().asList()
                .map(fresh -> new Redrive(fresh.stream().flatMap(Optional::stream).toList(), result.stillFailing())));
    }

    /** The next still-parked events of the key, one after the other, until none is left or one fails. */
    private Uni<Redrive> followers(Parked first, List<Parked> done) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM parked_event WHERE topic = $1 AND message_key = $2 "
                + "AND redriven_at IS NULL AND reason <> 'UNREADABLE' ORDER BY id LIMIT 1")
                .execute(Tuple.of(first.topic(), first.key()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Redrive(done, Optional.empty()));
                    }
                    Parked next = parked(rows.iterator().next());
                    return redriveOne(next).chain(failed -> {
                        if (failed.isPresent()) {
                            return Uni.createFrom().item(new Redrive(done, failed));
                        }
                        done.add(next);
                        return followers(first, done);
                    });
                });
    }

    /** Applies one parked event; empty when it is applied (now or before), else the row with its new error. */
    private Uni<Optional<Parked>> redriveOne(Parked parked) {
        if (parked.redrivenAt() != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Route route = route(parked.topic());
        return pool.preparedQuery("SELECT payload FROM parked_event WHERE id = $1").execute(Tuple.of(parked.id()))
                .map(rows -> rows.iterator().next().getString(0))
                .chain(payload -> Uni.createFrom().deferred(() -> route.applier().apply(parked.topic(),
                        EventCodec.decode(payload))))
                .chain(() -> pool.preparedQuery("UPDATE parked_event SET redriven_at = now() WHERE id = $1 "
                        + "AND redriven_at IS NULL").execute(Tuple.of(parked.id())))
                .invoke(() -> {
                    LOG.infof("Re-drove parked event #%d (%s %s)", parked.id(), parked.eventType(), parked.eventId());
                    meters.counter("teamcredits.events.redriven", "topic", parked.topic()).increment();
                })
                .map(ok -> Optional.<Parked>empty())
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Re-driving parked event #%d (%s) failed: %s", parked.id(), parked.eventId(),
                            e.toString());
                    return pool.preparedQuery("UPDATE parked_event SET attempts = attempts + 1, error = $2 "
                            + "WHERE id = $1").execute(Tuple.of(parked.id(), e.toString()))
                            .chain(() -> find(parked.id()));
                });
    }

    private Route route(String topic) {
        Route route = routes.get(topic);
        if (route == null) {
            throw new IllegalStateException("No consumer of " + topic + " is registered with ParkedEvents");
        }
        return route;
    }

    private static Parked parked(Row r) {
        return new Parked(r.getLong("id"), r.getString("event_id"), r.getString("event_type"), r.getString("topic"),
                r.getInteger("kafka_partition"), r.getLong("kafka_offset"), r.getString("message_key"),
                r.getString("reason"), r.getString("error"), r.getInteger("attempts"),
                r.getOffsetDateTime("parked_at"), r.getOffsetDateTime("redriven_at"));
    }
}
