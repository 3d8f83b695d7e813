package dev.teamcredits.notification.repository;

import dev.teamcredits.notification.domain.Sequenced;
import dev.teamcredits.notification.domain.Webhook;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Org webhooks: where to send which events, and the secret to sign them with. */
@ApplicationScoped
public class WebhookRepository {

    /** Inserts in the caller's transaction, where the Idempotency-Key record of the request is kept too. */
    public Uni<Void> insert(SqlClient c, Webhook w) {
        return c.preparedQuery("INSERT INTO webhook (id, org_id, url, secret, event_types, created_by, created_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(Arrays.asList(w.id(), w.orgId(), w.url(), w.secret(),
                        w.eventTypes().toArray(new String[0]), w.createdBy(), w.createdAt().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The org's webhooks, newest first, before {@code beforeSeq} (all if null), at most {@code limit}. */
    public Uni<List<Sequenced<Webhook>>> ofOrg(SqlClient c, UUID orgId, Long beforeSeq, int limit) {
        return c.preparedQuery("SELECT seq, " + COLUMNS + " FROM webhook WHERE org_id = $1 "
                + "AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3")
                .execute(Tuple.from(Arrays.asList(orgId, beforeSeq, limit))).map(rows -> {
                    List<Sequenced<Webhook>> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Sequenced<>(r.getLong("seq"), read(r))));
                    return list;
                });
    }

    /** The org's webhooks that subscribed to this event type. */
    public Uni<List<Webhook>> subscribed(SqlClient c, UUID orgId, String eventType) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM webhook WHERE org_id = $1 AND $2 = ANY(event_types)")
                .execute(Tuple.of(orgId, eventType)).map(WebhookRepository::list);
    }

    public Uni<Webhook> find(SqlClient c, UUID orgId, UUID id) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM webhook WHERE org_id = $1 AND id = $2")
                .execute(Tuple.of(orgId, id))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    public Uni<Boolean> delete(SqlClient c, UUID orgId, UUID id) {
        return c.preparedQuery("DELETE FROM webhook WHERE org_id = $1 AND id = $2")
                .execute(Tuple.of(orgId, id)).map(r -> r.rowCount() == 1);
    }

    private static final String COLUMNS = "id, org_id, url, secret, event_types, created_by, created_at";

    private static List<Webhook> list(RowSet<Row> rows) {
        List<Webhook> list = new ArrayList<>();
        rows.forEach(r -> list.add(read(r)));
        return list;
    }

    private static Webhook read(Row r) {
        return new Webhook(r.getUUID("id"), r.getUUID("org_id"), r.getString("url"), r.getString("secret"),
                List.of(r.getArrayOfStrings("event_types")), r.getString("created_by"),
                r.getOffsetDateTime("created_at").toInstant());
    }
}
