package dev.teamcredits.notification.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Users' stored choices per type and channel; what is not stored is the default. */
@ApplicationScoped
public class PreferenceRepository {

    /** Stored choices of the users, keyed {@code userId|TYPE|CHANNEL}. */
    public Uni<Map<String, Boolean>> of(SqlClient c, List<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("SELECT user_id, type, channel, enabled FROM notification_preference "
                + "WHERE user_id = ANY($1)")
                .execute(Tuple.of(userIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Boolean> choices = new HashMap<>();
                    rows.forEach(r -> choices.put(key(r.getString("user_id"), r.getString("type"),
                            r.getString("channel")), r.getBoolean("enabled")));
                    return choices;
                });
    }

    public Uni<Void> put(SqlClient c, String userId, String type, String channel, boolean enabled) {
        return c.preparedQuery("INSERT INTO notification_preference (user_id, type, channel, enabled) "
                + "VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, type, channel) DO UPDATE SET enabled = excluded.enabled")
                .execute(Tuple.of(userId, type, channel, enabled)).replaceWithVoid();
    }

    public static String key(String userId, String type, String channel) {
        return userId + "|" + type + "|" + channel;
    }
}
