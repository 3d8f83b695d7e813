package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationTypeTest {

    @ParameterizedTest(name = "{0}: inbox {1}, email {2}, stream {3}")
    @CsvSource({
            "TRANSFER_RECEIVED, true, true, true",
            "TRANSFER_SENT, true, false, true",
            "TRANSFER_DEDUCTED, true, false, true",
            "POOL_TRANSFER, true, false, true",
            "CREDITS_SWEPT, true, false, true",
            "LOW_BALANCE, true, false, true",
            "POOL_EMPTY, true, false, true",
            "RESERVATION_EXPIRED, true, false, true",
            "UNUSUAL_USAGE, true, false, true",
            "MEMBER_ADDED, true, false, true",
            "MEMBER_REMOVED, true, false, true" })
    void byDefaultTheInboxAndStreamTellEverythingAndEmailOnlyCreditsReceived(NotificationType type, boolean inbox,
            boolean email, boolean stream) {
        assertEquals(inbox, type.onByDefault(DeliveryChannel.INBOX));
        assertEquals(email, type.onByDefault(DeliveryChannel.EMAIL));
        assertEquals(stream, type.onByDefault(DeliveryChannel.STREAM));
    }
}
