package dev.teamcredits.team.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvitationStatusTest {

    private static final Instant EXPIRES = Instant.parse("2026-12-08T10:00:00Z");

    @ParameterizedTest(name = "{0}, {1} s after its expiry → {2}")
    @CsvSource({
            "PENDING, -1, PENDING",
            "PENDING, 0, EXPIRED",
            "PENDING, 1, EXPIRED",
            "ACCEPTED, -1, ACCEPTED",
            "ACCEPTED, 1, ACCEPTED",
            "REVOKED, 1, REVOKED",
            "EXPIRED, -1, EXPIRED" })
    void aPendingInvitationExpiresAtItsExpiryWithoutAJob(InvitationStatus stored, long secondsAfterExpiry,
            InvitationStatus now) {
        assertEquals(now, InvitationStatus.at(stored, EXPIRES, EXPIRES.plusSeconds(secondsAfterExpiry)));
    }
}
