package dev.teamcredits.usage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageViewerTest {

    @ParameterizedTest(name = "{0} ({1}) sees the rows of {2}")
    @CsvSource(nullValues = "everyone", value = {
            "ada, ADMIN, everyone",
            "ben, MEMBER, ben" })
    void anAdminSeesEveryMemberAMemberOnlyThemself(String viewer, String role, String onlyMember) {
        assertEquals(onlyMember, UsageViewer.of(viewer, role).onlyMember());
    }

    @ParameterizedTest(name = "{0} ({1}) may see the daily series of {2}: {3}")
    @CsvSource(nullValues = "the org", value = {
            "ada, ADMIN, the org, true",
            "ada, ADMIN, ben, true",
            "ada, ADMIN, ada, true",
            "ben, MEMBER, ben, true",
            "ben, MEMBER, cleo, false",
            "ben, MEMBER, the org, false" })
    void dailySeriesAreForAdminsAndTheMemberThemself(String viewer, String role, String member, boolean may) {
        assertEquals(may, UsageViewer.of(viewer, role).maySeeDailyOf(member));
    }
}
