package dev.teamcredits.team.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeatsTest {

    @ParameterizedTest(name = "limit {0}, {1} members, {2} open invitations: invite → {3} seats, fits {4}")
    @CsvSource({
            "5, 1, 0, 2, true",
            "5, 4, 0, 5, true",
            "5, 5, 0, 6, false",
            "5, 3, 1, 5, true",
            "5, 3, 2, 6, false",
            "5, 1, 4, 6, false",
            "5, 2, 2, 5, true",
            "50, 49, 0, 50, true",
            "50, 45, 5, 51, false" })
    void anInvitationNeedsAFreeSeatAndPendingInvitationsHoldTheirs(int limit, long members, long open, long wouldBe,
            boolean fits) {
        Seats.Check check = new Seats(members, open).toInvite(limit);
        assertEquals(wouldBe, check.wouldBe());
        assertEquals(limit, check.limit());
        assertEquals(fits, check.fits());
    }

    @ParameterizedTest(name = "limit {0}, {1} members: joining → {2} members, fits {3}")
    @CsvSource({
            "5, 1, 2, true",
            "5, 4, 5, true",
            "5, 5, 6, false",
            "3, 4, 5, false" })
    void anInviteeTakesTheSeatTheirInvitationHeldSoOnlyMembersCount(int limit, long members, long wouldBe,
            boolean fits) {
        Seats.Check check = Seats.toJoin(members, limit);
        assertEquals(wouldBe, check.wouldBe());
        assertEquals(fits, check.fits());
    }

    @ParameterizedTest(name = "new limit {0}, {1} members, {2} open invitations: plan change fits {3}")
    @CsvSource({
            "5, 5, 0, true",
            "5, 4, 1, true",
            "5, 5, 1, false",
            "5, 6, 0, false",
            "5, 1, 5, false",
            "50, 6, 0, true",
            "5, 1, 0, true" })
    void aPlanChangeMustFitEverySeatInUseNow(int newLimit, long members, long open, boolean fits) {
        Seats.Check check = new Seats(members, open).toChangePlan(newLimit);
        assertEquals(members + open, check.wouldBe());
        assertEquals(fits, check.fits());
    }
}
