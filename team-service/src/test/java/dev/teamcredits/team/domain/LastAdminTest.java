package dev.teamcredits.team.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LastAdminTest {

    @ParameterizedTest(name = "removing a {0} with {1} admins: refused {2}")
    @CsvSource({
            "ADMIN, 1, true",
            "ADMIN, 2, false",
            "ADMIN, 5, false",
            "MEMBER, 1, false",
            "MEMBER, 2, false" })
    void theLastAdminCannotBeRemoved(Role role, long admins, boolean refused) {
        assertEquals(refused, LastAdmin.blocksRemoval(role, admins));
    }

    @ParameterizedTest(name = "{0} → {1} with {2} admins: refused {3}")
    @CsvSource({
            "ADMIN, MEMBER, 1, true",
            "ADMIN, MEMBER, 2, false",
            "ADMIN, ADMIN, 1, false",
            "MEMBER, ADMIN, 1, false",
            "MEMBER, MEMBER, 1, false" })
    void theLastAdminCannotBeDemoted(Role from, Role to, long admins, boolean refused) {
        assertEquals(refused, LastAdmin.blocksRoleChange(from, to, admins));
    }
}
