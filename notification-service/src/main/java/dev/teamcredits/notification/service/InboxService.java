package dev.teamcredits.notification.service;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.notification.domain.InboxEntry;
import dev.teamcredits.notification.domain.InboxPage;
import dev.teamcredits.notification.repository.InboxRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** A user's inbox: only ever their own notifications. */
@ApplicationScoped
public class InboxService {

    private final Pool pool;
    private final InboxRepository inbox;

    public InboxService(Pool pool, InboxRepository inbox) {
        this.pool = pool;
        this.inbox = inbox;
    }

    /** Newest first, {@code limit} at a time; {@code cursor} (from the previous page) continues with older ones. */
    public Uni<InboxPage> page(String userId, boolean unreadOnly, UUID orgId, String cursor, int limit) {
        Long before = cursor == null ? null : Cursors.decode(userId, cursor);
        return inbox.page(pool, userId, unreadOnly, orgId, before, limit + 1).map(rows -> {
            boolean more = rows.size() > limit;
            List<InboxEntry> page = more ? rows.subList(0, limit) : rows;
            return new InboxPage(page, more ? Cursors.encode(userId, page.get(page.size() - 1).seq()) : null);
        });
    }

    public Uni<Long> unreadCount(String userId) {
        return inbox.unreadCount(pool, userId);
    }

    /** 404 for an id that is not one of the caller's notifications (another user's is not revealed). */
    public Uni<Void> markRead(String userId, UUID id) {
        return inbox.markRead(pool, userId, id).invoke(found -> {
            if (!found) {
                throw NotificationProblems.notificationNotFound();
            }
        }).replaceWithVoid();
    }

    public Uni<Integer> markAllRead(String userId) {
        return inbox.markAllRead(pool, userId);
    }
}
