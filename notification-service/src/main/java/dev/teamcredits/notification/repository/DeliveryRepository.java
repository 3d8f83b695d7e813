package dev.teamcredits.notification.repository;

import dev.teamcredits.notification.domain.Sequenced;
import dev.teamcredits.notification.domain.WebhookDelivery;
import dev.teamcredits.notification.domain.WebhookDeliveryStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The email and webhook queues. Workers claim due rows with {@code FOR UPDATE SKIP LOCKED} and
 * push their next attempt into the future before sending, so replicas never send the same row at
 * once and a crash mid-send only delays a retry.
 */
@ApplicationScoped
public class DeliveryRepository {

    /** A due email: the notification to send and the user to send it to. */
    public record DueEmail(UUID id, String userId, int attempts, UUID orgId, String type, String title, String body) {
    }

    /** A due webhook call: the exact body and the receiver's URL and secret. */
    public record DueWebhook(UUID id, UUID webhookId, String url, String secret, String eventType, String body,
            int attempts) {
    }

    /** Claims up to {@code limit} due emails, leasing them for {@code lease}. */
    public Uni<List<DueEmail>> claimEmails(SqlClient c, int limit, Duration lease) {
        return c.preparedQuery("WITH due AS (SELECT id FROM email_delivery WHERE status = 'PENDING' "
                + "AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE email_delivery e SET next_attempt_at = now() + make_interval(secs => $2) "
                + "FROM due, notification n WHERE e.id = due.id AND n.id = e.id "
                + "RETURNING e.id, e.user_id, e.attempts, n.org_id, n.type, n.title, n.body")
                .execute(Tuple.of(limit, seconds(lease)))
                .map(rows -> {
                    List<DueEmail> due = new ArrayList<>();
                    rows.forEach(r -> due.add(new DueEmail(r.getUUID("id"), r.getString("user_id"),
                            r.getInteger("attempts"), r.getUUID("org_id"), r.getString("type"), r.getString("title"),
                            r.getString("body"))));
                    return due;
                });
    }

    /** Queues the email of a new notification. */
    public Uni<Void> queueEmail(SqlClient c, UUID notificationId, String userId) {
        return c.preparedQuery("INSERT INTO email_delivery (id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(notificationId, userId)).replaceWithVoid();
    }

    public Uni<Void> emailSent(SqlClient c, UUID id) {
        return c.preparedQuery("UPDATE email_delivery SET status = 'SENT', attempts = attempts + 1, sent_at = now(), "
                + "last_error = NULL WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Records a failed attempt: retried after {@code retryIn}, or FAILED if null. */
    public Uni<Void> emailFailed(SqlClient c, UUID id, String error, Duration retryIn) {
        return c.preparedQuery("UPDATE email_delivery SET attempts = attempts + 1, last_error = $2, "
                + "status = CASE WHEN $3::float8 IS NULL THEN 'FAILED' ELSE 'PENDING' END, "
                + "next_attempt_at = now() + make_interval(secs => coalesce($3::float8, 0)) WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(id, error, seconds(retryIn))))
                .replaceWithVoid();
    }

    public Uni<Void> queueWebhook(SqlClient c, UUID webhookId, String eventId, String eventType, String body) {
        return c.preparedQuery("INSERT INTO webhook_delivery (id, webhook_id, event_id, event_type, body) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (webhook_id, event_id) DO NOTHING")
                .execute(Tuple.of(UUID.randomUUID(), webhookId, eventId, eventType, body)).replaceWithVoid();
    }

    public Uni<List<DueWebhook>> claimWebhooks(SqlClient c, int limit, Duration lease) {
        return c.preparedQuery("WITH due AS (SELECT id FROM webhook_delivery WHERE status = 'PENDING' "
                + "AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE webhook_delivery d SET next_attempt_at = now() + make_interval(secs => $2) "
                + "FROM due, webhook w WHERE d.id = due.id AND w.id = d.webhook_id "
                + "RETURNING d.id, d.webhook_id, w.url, w.secret, d.event_type, d.body, d.attempts")
                .execute(Tuple.of(limit, seconds(lease)))
                .map(rows -> {
                    List<DueWebhook> due = new ArrayList<>();
                    rows.forEach(r -> due.add(new DueWebhook(r.getUUID("id"), r.getUUID("webhook_id"),
                            r.getString("url"), r.getString("secret"), r.getString("event_type"), r.getString("body"),
                            r.getInteger("attempts"))));
                    return due;
                });
    }

    public Uni<Void> webhookDelivered(SqlClient c, UUID id, int status) {
        return c.preparedQuery("UPDATE webhook_delivery SET status = 'DELIVERED', attempts = attempts + 1, "
                + "last_status = $2, last_error = NULL, delivered_at = now() WHERE id = $1")
                .execute(Tuple.of(id, status)).replaceWithVoid();
    }

    /** Records a failed attempt: retried after {@code retryIn}, or DEAD (the dead-letter record) if null. */
    public Uni<Void> webhookFailed(SqlClient c, UUID id, Integer status, String error, Duration retryIn) {
        return c.preparedQuery("UPDATE webhook_delivery SET attempts = attempts + 1, last_status = $2, "
                + "last_error = $3, status = CASE WHEN $4::float8 IS NULL THEN 'DEAD' ELSE 'PENDING' END, "
                + "next_attempt_at = now() + make_interval(secs => coalesce($4::float8, 0)) WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(id, status, error, seconds(retryIn))))
                .replaceWithVoid();
    }

    /**
     * The webhook's deliveries, newest first, before {@code beforeSeq} (from the newest if null), at most
     * {@code limit}; all of them if {@code status} is null.
     */
    public Uni<List<Sequenced<WebhookDelivery>>> deliveries(SqlClient c, UUID webhookId,
            WebhookDeliveryStatus status, Long beforeSeq, int limit) {
        return c.preparedQuery("SELECT seq, " + DELIVERY + " FROM webhook_delivery WHERE webhook_id = $1 "
                + "AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR seq < $3) "
                + "ORDER BY seq DESC LIMIT $4")
                .execute(Tuple.from(Arrays.asList(webhookId, status == null ? null : status.name(), beforeSeq,
                        limit)))
                .map(rows -> {
                    List<Sequenced<WebhookDelivery>> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Sequenced<>(r.getLong("seq"), delivery(r))));
                    return list;
                });
    }

    /** Puts a DEAD delivery back in the queue with the same id and body; null if it is not dead (or not there). */
    public Uni<WebhookDelivery> redrive(SqlClient c, UUID webhookId, UUID deliveryId) {
        return c.preparedQuery("UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now() "
                + "WHERE id = $1 AND webhook_id = $2 AND status = 'DEAD' RETURNING " + DELIVERY)
                .execute(Tuple.of(deliveryId, webhookId))
                .map(rows -> rows.size() == 0 ? null : delivery(rows.iterator().next()));
    }

    public Uni<WebhookDelivery> delivery(SqlClient c, UUID webhookId, UUID deliveryId) {
        return c.preparedQuery("SELECT " + DELIVERY + " FROM webhook_delivery WHERE id = $1 AND webhook_id = $2")
                .execute(Tuple.of(deliveryId, webhookId))
                .map(rows -> rows.size() == 0 ? null : delivery(rows.iterator().next()));
    }

    private static final String DELIVERY = "id, webhook_id, event_id, event_type, status, attempts, last_status, "
            + "last_error, created_at, next_attempt_at, delivered_at";

    private static WebhookDelivery delivery(Row r) {
        WebhookDeliveryStatus status = WebhookDeliveryStatus.valueOf(r.getString("status"));
        return new WebhookDelivery(r.getUUID("id"), r.getUUID("webhook_id"), r.getString("event_id"),
                r.getString("event_type"), status, r.getInteger("attempts"), r.getInteger("last_status"),
                r.getString("last_error"), instant(r, "created_at"),
                status == WebhookDeliveryStatus.PENDING ? instant(r, "next_attempt_at") : null,
                instant(r, "delivered_at"));
    }

    /** A wait as the seconds SQL's {@code make_interval} takes; null stays null. */
    private static Double seconds(Duration wait) {
        return wait == null ? null : (double) wait.toMillis() / 1000;
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
