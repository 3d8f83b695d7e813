package dev.teamcredits.team.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SameDomainRuleTest {

    @ParameterizedTest(name = "rule {0}: {1} invites {2} → admitted {3}")
    @CsvSource({
            "true, ada@acme.example, ben@acme.example, true",
            "true, ada@acme.example, dan@globex.example, false",
            "true, ada@acme.example, ben@ACME.example, true",
            "true, ada@acme.example, ben@sub.acme.example, false",
            "true, ada@acme.example, \"ben@x\"@acme.example, true",
            "false, ada@acme.example, dan@globex.example, true",
            "false, ada@acme.example, ben@acme.example, true" })
    void inviteesMustShareTheInvitingAdminsDomainWhileTheRuleIsOn(boolean on, String admin, String invitee,
            boolean admitted) {
        assertEquals(admitted, SameDomainRule.admits(on, admin, invitee));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({ "ada@acme.example, acme.example", "Ada@ACME.Example, acme.example", "\"a@b\"@c.example, c.example" })
    void theDomainIsWhatFollowsTheLastAtLowerCased(String email, String domain) {
        assertEquals(domain, SameDomainRule.domainOf(email));
    }
}
