package dev.teamcredits.notification.service;

import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.notification.repository.PreferenceRepository;
import dev.teamcredits.notification.rest.dto.Preference;
import dev.teamcredits.notification.rest.dto.Preferences;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Per-user choices per notification type and channel, with the defaults of {@link Channel#defaultFor}. */
@ApplicationScoped
public class PreferenceService {

    private final Pool pool;
    private final PreferenceRepository preferences;

    public PreferenceService(Pool pool, PreferenceRepository preferences) {
        this.pool = pool;
        this.preferences = preferences;
    }

    public Uni<Preferences> of(String userId) {
        return preferences.of(pool, List.of(userId)).map(choices -> new Preferences(Arrays.stream(NotificationType.values())
                .map(type -> new Preference(type.name(), true, choice(choices, userId, type, Channel.EMAIL),
                        choice(choices, userId, type, Channel.STREAM)))
                .toList()));
    }

    /** Applies all changes in one transaction, after checking every one of them. */
    public Uni<Preferences> update(String userId, Preferences changes) {
        for (Preference p : changes.preferences()) {
            type(p.type());
            if (Boolean.FALSE.equals(p.inbox())) {
                throw new ProblemException("inbox-always-on", "The inbox is always on", 400,
                        "The inbox keeps every notification; choose email and stream per type instead.");
            }
        }
        return pool.withTransaction(c -> Multi.createFrom().iterable(changes.preferences())
                .onItem().transformToUniAndConcatenate(p -> set(c, userId, p.type(), Channel.EMAIL, p.email())
                        .chain(() -> set(c, userId, p.type(), Channel.STREAM, p.stream())))
                .collect().last())
                .chain(() -> of(userId));
    }

    private Uni<Void> set(io.vertx.mutiny.sqlclient.SqlClient c, String userId, String type, Channel channel,
            Boolean enabled) {
        return enabled == null ? Uni.createFrom().voidItem() : preferences.put(c, userId, type, channel.name(), enabled);
    }

    private static boolean choice(Map<String, Boolean> choices, String userId, NotificationType type, Channel channel) {
        return choices.getOrDefault(PreferenceRepository.key(userId, type.name(), channel.name()),
                channel.defaultFor(type));
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
