package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.notification.domain.OrgRoster.Member;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrgRosterTest {

    private static final OrgRoster ACME = new OrgRoster(UUID.randomUUID(), "Acme Research", List.of(
            new Member("ada", "ada@acme.example", "Ada", "ADMIN", true),
            new Member("ben", "ben@acme.example", null, "MEMBER", true),
            new Member("cleo", null, " ", "MEMBER", true),
            new Member("gus", "gus@acme.example", "Gus", "ADMIN", false),
            new Member("bob", "bob@acme.example", "Bob", "ADMIN", true)));

    @ParameterizedTest(name = "{0} is named \"{1}\"")
    @CsvSource({
            "ada, Ada",
            "ben, ben@acme.example",
            "cleo, cleo",
            "gus, Gus",
            "stranger, stranger" })
    void textsNameAMemberByDisplayNameElseEmailElseUserId(String userId, String label) {
        assertEquals(label, ACME.label(userId));
    }

    @Test
    void onlyActiveAdminsAreAdminsAndOnlyActiveMembersAreMembers() {
        assertEquals(List.of("ada", "bob"), ACME.activeAdmins());
        assertEquals(List.of("ada", "ben", "cleo", "bob"), ACME.activeMembers());
    }

    @Test
    void anOrgNotKnownYetIsYourTeamWithNoOneInIt() {
        UUID id = UUID.randomUUID();
        assertEquals(new OrgRoster(id, "your team", List.of()), OrgRoster.unknown(id));
        assertEquals(List.of(), OrgRoster.unknown(id).activeAdmins());
    }
}
