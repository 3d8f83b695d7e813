package dev.teamcredits.notification.repository;

import dev.teamcredits.notification.domain.ChannelPreferences;
import dev.teamcredits.notification.domain.ChannelPreferences.Choice;
import dev.teamcredits.notification.domain.DeliveryChannel;
import dev.teamcredits.notification.domain.NotificationType;
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

    /** What these users chose. */
    public Uni<ChannelPreferences> of(SqlClient c, List<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(new ChannelPreferences(Map.of()));
        }
        return c.preparedQuery("SELECT user_id, type, channel, enabled FROM notification_preference "
                + "WHERE user_id = ANY($1)")
                .execute(Tuple.of(userIds.toArray(new String[0])))
                .map(rows -> {
                    Map<Choice, Boolean> choices = new HashMap<>();
                    rows.forEach(r -> choices.put(new Choice(r.getString("user_id"),
                            NotificationType.valueOf(r.getString("type")),
                            DeliveryChannel.valueOf(r.getString("channel"))), r.getBoolean("enabled")));
                    return new ChannelPreferences(choices);
                });
    }

    public Uni<Void> put(SqlClient c, String userId, NotificationType type, DeliveryChannel channel,
            boolean enabled) {
        return c.preparedQuery("INSERT INTO notification_preference (user_id, type, channel, enabled) "
                + "VALUES ($1, $2, $3, $4) "
                + "ON CONFLICT (user_id, type, channel) DO UPDATE SET enabled = excluded.enabled")
                .execute(Tuple.of(userId, type.name(), channel.name(), enabled)).replaceWithVoid();
    }
}
