package dev.teamcredits.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.notification.repository.NotificationRepository;
import dev.teamcredits.notification.rest.dto.NotificationPage;
import dev.teamcredits.notification.rest.dto.NotificationView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** A user's inbox: only ever their own notifications. */
@ApplicationScoped
public class InboxService {

    private final Pool pool;
    private final NotificationRepository notifications;
    private final ObjectMapper json;

    public InboxService(Pool pool, NotificationRepository notifications, ObjectMapper json) {
        this.pool = pool;
        this.notifications = notifications;
        this.json = json;
    }

    public Uni<NotificationPage> page(String userId, boolean unreadOnly, UUID orgId, String cursor, int limit) {
        Long before = cursor == null ? null : Cursors.decode(cursor);
        return notifications.page(pool, userId, unreadOnly, orgId, before, limit + 1).map(rows -> {
            boolean more = rows.size() > limit;
            List<NotificationRepository.Stored> page = more ? rows.subList(0, limit) : rows;
            return new NotificationPage(page.stream().map(s -> NotificationView.of(s, json)).toList(),
                    more ? Cursors.encode(page.get(page.size() - 1).seq()) : null);
        });
    }

    public Uni<Long> unreadCount(String userId) {
        return notifications.unreadCount(pool, userId);
    }

    /** 404 for an id that is not one of the caller's notifications (another user's is not revealed). */
    public Uni<Void> markRead(String userId, UUID id) {
        return notifications.markRead(pool, userId, id).invoke(found -> {
            if (!found) {
                throw NotificationProblems.notificationNotFound();
            }
        }).replaceWithVoid();
    }

    public Uni<Integer> markAllRead(String userId) {
        return notifications.markAllRead(pool, userId);
    }
}
