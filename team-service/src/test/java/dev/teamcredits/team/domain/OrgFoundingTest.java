package dev.teamcredits.team.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.team.Role;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrgFoundingTest {

    @ParameterizedTest(name = "created {0} → cycles from {1}")
    @CsvSource({
            "2026-11-30T12:00:00Z, 2026-11-30",
            "2026-11-30T23:59:59.999999Z, 2026-11-30",
            "2026-12-01T00:00:00Z, 2026-12-01",
            "2027-01-31T05:00:00Z, 2027-01-31" })
    void cyclesRunFromTheCreationDateInUtc(Instant createdAt, LocalDate anchor) {
        assertEquals(anchor, OrgFounding.cycleAnchor(createdAt));
    }

    @Test
    void theCreatorJoinsAsAdminWithPoolAccess() {
        assertEquals(Role.ADMIN, OrgFounding.CREATOR_ROLE);
        assertTrue(OrgFounding.CREATOR_POOL_ACCESS);
    }
}
