package dev.teamcredits.team.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvitationAcceptanceTest {

    @ParameterizedTest(name = "\"{0}\" is sent to {1}")
    @CsvSource({
            "ben@acme.example, ben@acme.example",
            "Ben@ACME.example, ben@acme.example",
            "'  ben@acme.example  ', ben@acme.example" })
    void anInvitationIsAddressedToTheTrimmedLowerCasedEmail(String asked, String address) {
        assertEquals(address, InvitationAcceptance.address(asked));
    }

    @ParameterizedTest(name = "invited {0}, token {1} → accepts {2}")
    @CsvSource({
            "ben@acme.example, ben@acme.example, true",
            "ben@acme.example, mallory@acme.example, false",
            "ben@acme.example, ben@globex.example, false",
            "ben@acme.example, ben@acme.example.evil, false" })
    void onlyATokenWithTheInvitedEmailAccepts(String invited, String tokenEmail, boolean accepts) {
        assertEquals(accepts, InvitationAcceptance.isInvitee(invited, tokenEmail));
    }

    @ParameterizedTest(name = "asked {0} → pool access {1}")
    @CsvSource({ "true, true", "false, false", ", false" })
    void inviteesGetPoolAccessOnlyWhenTheInvitationGrantsIt(Boolean asked, boolean access) {
        assertEquals(access, InvitationAcceptance.poolAccess(asked));
    }
}
