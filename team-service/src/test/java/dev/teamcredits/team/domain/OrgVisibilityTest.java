package dev.teamcredits.team.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrgVisibilityTest {

    @ParameterizedTest(name = "{0} sees settings: {1}")
    @CsvSource({ "ADMIN, true", "MEMBER, false" })
    void onlyAdminsSeeTheOrgsSettings(Role viewer, boolean sees) {
        assertEquals(sees, OrgVisibility.seesSettings(viewer));
    }

    @ParameterizedTest(name = "{0} {1} looks at {2}: sees pool settings {3}")
    @CsvSource({
            "ADMIN, ada, ben, true",
            "ADMIN, ada, ada, true",
            "MEMBER, ben, ben, true",
            "MEMBER, ben, cleo, false",
            "MEMBER, ben, ada, false" })
    void poolSettingsAreForAdminsAndTheMemberThemself(Role viewer, String viewerId, String memberId, boolean sees) {
        assertEquals(sees, OrgVisibility.seesPoolSettings(viewer, viewerId, memberId));
    }
}
