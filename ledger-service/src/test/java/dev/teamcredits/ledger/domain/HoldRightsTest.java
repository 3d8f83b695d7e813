package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HoldRightsTest {

    @ParameterizedTest(name = "{0}: sees {1}, captures {2}, releases {3}")
    @CsvSource({
            "holder, true, true, true",
            "member, true, false, false",
            "admin, true, false, true",
            "trusted backend, true, false, false",
            "operator, true, true, true",
            "anyone else, false, false, false" })
    void theCallerThatMadeTheHoldEndsItAnAdminMayReleaseItAnOperatorBoth(String who, boolean sees,
            boolean captures, boolean releases) {
        HoldRights rights = new HoldRights(who.equals("holder"), who.equals("member"), who.equals("admin"),
                who.equals("trusted backend"), who.equals("operator"));
        assertEquals(sees + "/" + captures + "/" + releases, rights.maySee() + "/" + rights.mayCapture() + "/"
                + rights.mayRelease());
    }
}
