package dev.teamcredits.notification.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which channels tell users of each notification type: what a user chose, else the type's default
 * ({@link NotificationType#onByDefault}); the inbox is always on. Preferences are per user, across
 * their orgs.
 *
 * @param choices what users chose; a missing entry means the default
 */
public record ChannelPreferences(Map<Choice, Boolean> choices) {

    /** One stored choice: a user's channel for one type. */
    public record Choice(String userId, NotificationType type, DeliveryChannel channel) {
    }

    /** One type with its channels, as a user sees their preferences. */
    public record TypeChannels(NotificationType type, boolean inbox, boolean email, boolean stream) {
    }

    public ChannelPreferences {
        choices = Map.copyOf(choices);
    }

    public boolean isOn(String userId, NotificationType type, DeliveryChannel channel) {
        return channel.isAlwaysOn()
                || choices.getOrDefault(new Choice(userId, type, channel), type.onByDefault(channel));
    }

    /** Every type, in declaration order, with the user's channels. */
    public List<TypeChannels> of(String userId) {
        return Arrays.stream(NotificationType.values()).map(type -> new TypeChannels(type,
                isOn(userId, type, DeliveryChannel.INBOX), isOn(userId, type, DeliveryChannel.EMAIL),
                isOn(userId, type, DeliveryChannel.STREAM))).toList();
    }
}
