package dev.teamcredits.notification.service;

import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.notification.domain.ChannelPreferences.TypeChannels;
import dev.teamcredits.notification.domain.DeliveryChannel;
import dev.teamcredits.notification.domain.NotificationType;
import dev.teamcredits.notification.repository.PreferenceRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/** A user's channels per notification type: what they chose, else the defaults (see {@code ChannelPreferences}). */
@ApplicationScoped
public class PreferenceService {

    /**
     * A change of one type's channels; a channel left null keeps its setting.
     *
     * @param inbox may only be left out or true: the inbox is always on ({@link DeliveryChannel#isAlwaysOn})
     */
    public record Change(String type, Boolean inbox, Boolean email, Boolean stream) {
    }

    private final Pool pool;
    private final PreferenceRepository preferences;

    public PreferenceService(Pool pool, PreferenceRepository preferences) {
        this.pool = pool;
        this.preferences = preferences;
    }

    /** Every type with the user's channels. */
    public Uni<List<TypeChannels>> of(String userId) {
        return preferences.of(pool, List.of(userId)).map(choices -> choices.of(userId));
    }

    /** Applies all changes in one transaction, after checking every one of them; returns every type after. */
    public Uni<List<TypeChannels>> update(String userId, List<Change> changes) {
        for (Change change : changes) {
            type(change.type());
            if (Boolean.FALSE.equals(change.inbox())) {
                throw new ProblemException("inbox-always-on", "The inbox is always on", 400,
                        "The inbox keeps every notification; choose email and stream per type instead.");
            }
        }
        return pool.withTransaction(c -> Multi.createFrom().iterable(changes)
                .onItem().transformToUniAndConcatenate(change -> set(c, userId, change, DeliveryChannel.EMAIL,
                        change.email()).chain(() -> set(c, userId, change, DeliveryChannel.STREAM, change.stream())))
                .collect().last())
                .chain(() -> of(userId));
    }

    private Uni<Void> set(SqlClient c, String userId, Change change, DeliveryChannel channel, Boolean enabled) {
        return enabled == null ? Uni.createFrom().voidItem()
                : preferences.put(c, userId, NotificationType.valueOf(change.type()), channel, enabled);
    }

    private static NotificationType type(String name) {
        try {
            return NotificationType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ProblemException("unknown-notification-type", "Unknown notification type", 400,
                    "type must be one of " + Arrays.toString(NotificationType.values()) + ".");
        }
    }
}
