package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.BACKEND;
import static dev.teamcredits.model.Fixture.OPERATOR;
import static dev.teamcredits.model.Fixture.U1;
import static dev.teamcredits.model.Fixture.U2;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.capture;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.key;
import static dev.teamcredits.model.Fixture.ok;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.release;
import static dev.teamcredits.model.Fixture.reserve;
import static dev.teamcredits.model.Fixture.snapshot;
import static dev.teamcredits.model.Fixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReservationTest {

    @Test
    void holdsReduceAvailableAndCapturingPartChargesItAndReleasesTheRest() {
        MoneyModel m = org();
        join(m, "u1", true, null);

        assertEquals(new Answer.Reserved("R1", "RESERVATION", 30, List.of(new Part(Acct.pool(), 30))),
                reserve(m, U1, null, 30));
        assertEquals(new AccountState(100, 30, 70, Fixture.buckets(Fixture.sub(1), 100)), m.state(Acct.pool()));
        assertEquals(30, m.poolHeld("u1"));

        assertEquals(new Answer.Captured(30, 10, List.of(new Part(Acct.pool(), 10))), capture(m, U1, "R1", 10));
        assertEquals(new View(Acct.pool(), 90, 0, 90), Fixture.view(m, Acct.pool()));
        assertEquals(0, m.poolHeld("u1"));
        assertEquals(10, m.poolDrawnThisCycle("u1"));
        assertEquals(new Usage(10, 0, 0, 1, new TreeMap<>(Map.of("RESERVATION", new Usage.ByAction(10, 1)))),
                m.usage("u1", 0));
        assertEquals("CAPTURED", m.reservations().get(0).status());
    }

    @Test
    void holdsFollowTheSpendWaterfallAndACaptureTakesThemInOrder() {
        MoneyModel m = org(false, true);
        join(m, "u1", true, 20L);
        transfer(m, "pool", "u1", 10);

        List<Part> holds = List.of(new Part(Acct.pool(), 20), new Part(Acct.member("u1"), 10),
                new Part(Acct.personal("u1"), 5));
        assertEquals(new Answer.Reserved("R1", "PAGE_SCRAPE", 35, holds),
                m.apply(new Op.Reserve(BACKEND, key(), "u1", "PAGE_SCRAPE", 35L, null, 60)));
        assertRefused(reserve(m, U1, null, 6), 402, "insufficient-credits",
                Map.of("required", 6L, "available", 5L, "shortfall", 1L));

        Answer.Captured captured = ok(capture(m, BACKEND, "R1", 25), Answer.Captured.class);
        assertEquals(List.of(new Part(Acct.pool(), 20), new Part(Acct.member("u1"), 5)), captured.sources());
        assertEquals(new View(Acct.personal("u1"), 10, 0, 10), Fixture.view(m, Acct.personal("u1")));
    }

    @Test
    void onlyTheHolderOrTheOperatorMayCaptureAndStrangersDoNotSeeTheHold() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        join(m, "u2", true, null);
        reserve(m, BACKEND, "u1", 30);
        String before = snapshot(m);

        assertRefused(capture(m, U2, "R1", 1), 404, "reservation-not-found");
        assertRefused(capture(m, ADMIN, "R9", 1), 404, "reservation-not-found");
        assertRefused(capture(m, U1, "R1", 1), 403, "reservation-not-yours");
        assertRefused(capture(m, ADMIN, "R1", 1), 403, "reservation-not-yours");
        assertRefused(capture(m, Who.backend("other"), "R1", 1), 403, "reservation-not-yours");
        assertEquals(before, snapshot(m));
        ok(capture(m, OPERATOR, "R1", 1), Answer.Captured.class);
    }

    @Test
    void theHolderAnAdminOrTheOperatorMayReleaseButNotTheMemberOfAnotherCallersHold() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        join(m, "u2", true, null);
        for (int i = 0; i < 4; i++) {
            reserve(m, BACKEND, "u1", 10);
        }

        assertRefused(release(m, U2, "R1"), 404, "reservation-not-found");
        assertRefused(release(m, U1, "R1"), 403, "reservation-not-yours");
        assertRefused(release(m, Who.backend("other"), "R1"), 403, "reservation-not-yours");
        assertEquals(new Answer.Released("RELEASED"), release(m, BACKEND, "R1"));
        assertEquals(new Answer.Released("RELEASED"), release(m, ADMIN, "R2"));
        assertEquals(new Answer.Released("RELEASED"), release(m, OPERATOR, "R3"));
        assertEquals(10, m.state(Acct.pool()).reserved());
        assertEquals(10, m.poolHeld("u1"));
    }

    @Test
    void endedReservationsAre409AndCapturesAboveTheHoldAre422() {
        MoneyModel m = org();
        reserve(m, ADMIN, null, 30);
        reserve(m, ADMIN, null, 30);
        release(m, ADMIN, "R1");

        assertRefused(capture(m, ADMIN, "R1", 1), 409, "reservation-not-active", Map.of("reservationStatus", "RELEASED"));
        assertRefused(release(m, ADMIN, "R1"), 409, "reservation-not-active", Map.of("reservationStatus", "RELEASED"));
        assertRefused(capture(m, ADMIN, "R2", 31), 422, "capture-exceeds-reservation", Map.of("reserved", 30L));
        assertRefused(capture(m, ADMIN, "R2", 0), 400, "validation-failed");
        capture(m, ADMIN, "R2", 30);
        assertRefused(capture(m, ADMIN, "R2", 1), 409, "reservation-not-active", Map.of("reservationStatus", "CAPTURED"));
    }

    @Test
    void reservingAZeroPricedActionOrABadRequestIs400() {
        MoneyModel m = org();
        String before = snapshot(m);
        assertRefused(m.apply(new Op.Reserve(ADMIN, key(), null, "EXPORT", 5L, null, 60)), 400, "nothing-to-reserve");
        assertRefused(m.apply(new Op.Reserve(ADMIN, key(), null, null, null, 0L, 60)), 400, "nothing-to-reserve");
        assertRefused(m.apply(new Op.Reserve(ADMIN, key(), null, "PAGE_SCRAPE", null, 5L, 60)), 400,
                "validation-failed");
        assertRefused(m.apply(new Op.Reserve(ADMIN, key(), null, null, null, null, 60)), 400, "validation-failed");
        assertRefused(m.apply(new Op.Reserve(ADMIN, key(), null, "NOPE", null, null, 60)), 400, "unknown-action");
        assertRefused(m.apply(new Op.Reserve(ADMIN, key(), null, null, null, 5L, 3601)), 400, "ttl-out-of-range");
        assertRefused(m.apply(new Op.Reserve(ADMIN, key(), "u1", null, null, 5L, 60)), 403, "spend-for-others");
        assertRefused(m.apply(new Op.Reserve(BACKEND, key(), null, null, null, 5L, 60)), 400, "user-id-required");
        assertRefused(m.apply(new Op.Reserve(BACKEND, key(), "u1", null, null, 5L, 60)), 404, "member-not-found");
        assertEquals(before, snapshot(m));
    }

    @Test
    void anEmailFindingHoldOfOneIsCapturedAsAnEmailFindingSpend() {
        MoneyModel m = org();
        Answer.Reserved hold = ok(m.apply(new Op.Reserve(ADMIN, key(), null, "EMAIL_FINDING", null, null, 60)),
                Answer.Reserved.class);
        assertEquals(new Answer.Reserved("R1", "EMAIL_FINDING", 1, List.of(new Part(Acct.pool(), 1))), hold);
        capture(m, ADMIN, "R1", 1);
        assertEquals(new Usage.ByAction(1, 1), m.usage("admin", 0).byAction().get("EMAIL_FINDING"));
    }

    @Test
    void theSystemsTtlExpiryReleasesAnActiveHoldAsExpired() {
        MoneyModel m = org();
        reserve(m, ADMIN, null, 30);
        assertEquals(new Answer.Released("EXPIRED"), m.apply(new Op.ExpireReservation("R1")));
        assertEquals(new Answer.Noted(), m.apply(new Op.ExpireReservation("R1")));
        assertEquals(0, m.state(Acct.pool()).reserved());
        assertEquals(new MoneyModel.ReservationInfo("R1", "admin", ADMIN, "RESERVATION", 30, "EXPIRED",
                List.of(new Part(Acct.pool(), 30))), m.reservations().get(0));
    }
}
