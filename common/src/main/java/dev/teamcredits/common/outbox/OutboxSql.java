package dev.teamcredits.common.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes outbox rows with the reactive SQL client, for services whose changes run on a plain SQL
 * connection rather than a Hibernate session; call it on that transaction's connection.
 */
public final class OutboxSql {

    private OutboxSql() {
    }

    public static Uni<Void> insert(SqlClient connection, List<OutboxEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Payloads travel as text and are cast per row: bound as jsonb, a Java string would be stored
        // as a JSON string literal.
        return connection.preparedQuery("INSERT INTO outbox_event (id, topic, message_key, event_type, payload, "
                + "created_at) SELECT id, topic, k, t, p::jsonb, c FROM unnest($1::uuid[], $2::text[], $3::text[], "
                + "$4::text[], $5::text[], $6::timestamptz[]) AS r(id, topic, k, t, p, c)")
                .execute(Tuple.of(rows.stream().map(r -> r.id).toArray(UUID[]::new),
                        rows.stream().map(r -> r.topic).toArray(String[]::new),
                        rows.stream().map(r -> r.messageKey).toArray(String[]::new),
                        rows.stream().map(r -> r.eventType).toArray(String[]::new),
                        rows.stream().map(r -> r.payload).toArray(String[]::new),
                        rows.stream().map(r -> r.createdAt.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }
}
