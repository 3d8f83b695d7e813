package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.notification.domain.ChannelPreferences.Choice;
import dev.teamcredits.notification.domain.ChannelPreferences.TypeChannels;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelPreferencesTest {

    /** Cleo turned email off for credits received, on for low balance, and the stream off for pool empty. */
    private static final ChannelPreferences CHOICES = new ChannelPreferences(Map.of(
            new Choice("cleo", NotificationType.TRANSFER_RECEIVED, DeliveryChannel.EMAIL), false,
            new Choice("cleo", NotificationType.LOW_BALANCE, DeliveryChannel.EMAIL), true,
            new Choice("cleo", NotificationType.POOL_EMPTY, DeliveryChannel.STREAM), false,
            // Never stored by the API (a PUT turning the inbox off is refused), and ignored if it were.
            new Choice("cleo", NotificationType.POOL_EMPTY, DeliveryChannel.INBOX), false));

    @ParameterizedTest(name = "{0}, {1}, {2} → {3}")
    @CsvSource({
            "cleo, TRANSFER_RECEIVED, EMAIL, false",
            "cleo, TRANSFER_RECEIVED, STREAM, true",
            "cleo, LOW_BALANCE, EMAIL, true",
            "cleo, POOL_EMPTY, STREAM, false",
            "cleo, POOL_EMPTY, INBOX, true",
            "cleo, POOL_EMPTY, EMAIL, false",
            // Another user's choices are not Cleo's: Ben has the defaults.
            "ben, TRANSFER_RECEIVED, EMAIL, true",
            "ben, LOW_BALANCE, EMAIL, false",
            "ben, POOL_EMPTY, STREAM, true" })
    void aUsersChoiceWinsElseTheDefaultAndTheInboxIsAlwaysOn(String user, NotificationType type,
            DeliveryChannel channel, boolean on) {
        assertEquals(on, CHOICES.isOn(user, type, channel));
    }

    @Test
    void aUserSeesEveryTypeInOrderWithTheirChannels() {
        List<TypeChannels> cleo = CHOICES.of("cleo");
        assertEquals(Arrays.asList(NotificationType.values()), cleo.stream().map(TypeChannels::type).toList());
        assertEquals(new TypeChannels(NotificationType.TRANSFER_RECEIVED, true, false, true), cleo.get(0));
        assertEquals(new TypeChannels(NotificationType.POOL_EMPTY, true, false, false),
                cleo.get(NotificationType.POOL_EMPTY.ordinal()));
    }
}
