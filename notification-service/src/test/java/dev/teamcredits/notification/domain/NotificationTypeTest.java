package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
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
            "MEMBER_REMOVED, true, false, true",
            "TOP_UP_COMPLETED, true, true, true",
            "CREDITS_PURCHASED, true, true, true",
            "TOP_UP_DECLINED, true, true, true",
            "TOP_UP_EXPIRED, true, true, true",
            "OPERATOR_GRANT, true, true, true" })
    void byDefaultTheInboxAndStreamTellEverythingAndEmailCreditsReceivedOrAskedFor(NotificationType type, boolean inbox,
            boolean email, boolean stream) {
        assertEquals(inbox, type.onByDefault(DeliveryChannel.INBOX));
        assertEquals(email, type.onByDefault(DeliveryChannel.EMAIL));
        assertEquals(stream, type.onByDefault(DeliveryChannel.STREAM));
    }

    @Test
    void emailIsOnUnaskedOnlyForCreditsReceivedOrARequestForCreditsThatCameToNothing() {
        Set<NotificationType> emailed = Arrays.stream(NotificationType.values())
                .filter(t -> t.onByDefault(DeliveryChannel.EMAIL)).collect(Collectors.toSet());
        assertEquals(Set.of(NotificationType.TRANSFER_RECEIVED, NotificationType.TOP_UP_COMPLETED,
                NotificationType.CREDITS_PURCHASED, NotificationType.OPERATOR_GRANT, NotificationType.TOP_UP_DECLINED,
                NotificationType.TOP_UP_EXPIRED), emailed);
    }
}
