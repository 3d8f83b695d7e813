package dev.teamcredits.notification.repository;

import dev.teamcredits.notification.domain.InboxEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The in-app inbox: one row per event, recipient and type. */
@ApplicationScoped
public class InboxRepository {

    /** Inserts the notification unless this event already told this user this; returns the stored row, if new. */
    public Uni<InboxEntry> insert(SqlClient c, UUID id, String userId, UUID orgId, String type, String eventId,
            String title, String body, String dataJson) {
        return c.preparedQuery("INSERT INTO notification (id, user_id, org_id, type, event_id, title, body, data) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb) "
                + "ON CONFLICT (event_id, user_id, type) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, userId, orgId, type, eventId, title, body, dataJson)))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    /** The user's notifications, newest first, after the cursor's position. */
    public Uni<List<InboxEntry>> page(SqlClient c, String userId, boolean unreadOnly, UUID orgId, Long beforeSeq,
            int limit) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM notification WHERE user_id = $1 "
                + "AND ($2 = false OR read_at IS NULL) AND ($3::uuid IS NULL OR org_id = $3) "
                + "AND ($4::bigint IS NULL OR seq < $4) ORDER BY seq DESC LIMIT $5")
                .execute(Tuple.from(Arrays.asList(userId, unreadOnly, orgId, beforeSeq, limit)))
                .map(rows -> {
                    List<InboxEntry> page = new ArrayList<>();
                    rows.forEach(r -> page.add(read(r)));
                    return page;
                });
    }

    public Uni<Long> unreadCount(SqlClient c, String userId) {
        return c.preparedQuery("SELECT count(*) FROM notification WHERE user_id = $1 AND read_at IS NULL")
                .execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Marks one of the user's notifications read; false if the user has no notification with this id. */
    public Uni<Boolean> markRead(SqlClient c, String userId, UUID id) {
        return c.preparedQuery("UPDATE notification SET read_at = coalesce(read_at, now()) "
                + "WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId)).map(r -> r.rowCount() == 1);
    }

    public Uni<Integer> markAllRead(SqlClient c, String userId) {
        return c.preparedQuery("UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL")
                .execute(Tuple.of(userId)).map(r -> r.rowCount());
    }

    private static final String COLUMNS = "seq, id, user_id, org_id, type, event_id, title, body, data::text AS data, "
            + "read_at, created_at";

    private static InboxEntry read(Row r) {
        OffsetDateTime readAt = r.getOffsetDateTime("read_at");
        return new InboxEntry(r.getLong("seq"), r.getUUID("id"), r.getString("user_id"), r.getUUID("org_id"),
                r.getString("type"), r.getString("event_id"), r.getString("title"), r.getString("body"),
                r.getString("data"), readAt == null ? null : readAt.toInstant(),
                r.getOffsetDateTime("created_at").toInstant());
    }
}
