package dev.teamcredits.ledger.model;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.model.Op;
import dev.teamcredits.model.Who;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays a sequence that once disagreed with the model, as the failure printed it: paste its
 * {@code setup} and {@code ops} here. Kept as a regression once the cause is fixed.
 */
class ReplayIT {

    @Test
    void aHoldAcrossACloseOnARolloverPlanThenAPartCaptureAndATransfer() {
        ModelRun.Setup setup = new ModelRun.Setup(Plan.PRO_PLUS, 100, true, true);
        List<Op> ops = List.of(
                new Op.Join("u1", Op.Role.MEMBER, true, 50L),
                new Op.Reserve(Who.user("u1"), "k1", null, null, null, 40L, 3600L),
                new Op.CloseCycle(Who.operator(), "k2"),
                new Op.Capture(Who.user("u1"), "k3", "R1", 10L),
                new Op.Transfer(Who.user("admin"), "k4", "pool", "u1", 30L, null),
                new Op.Spend(Who.user("u1"), "k5", null, "PAGE_SCRAPE", 60L, null));
        replay(setup, ops);
    }

    @Test
    void aCloseThatPostsNothingToThePoolStillStartsItsCycleTotalAgain() {
        replay(new ModelRun.Setup(Plan.PRO_PLUS, 0, true, true), List.of(
                new Op.RecordPurchase(Who.billing("billing"), "k1", "pay-1", "pool", 1L, null, null, null),
                new Op.CloseCycle(Who.operator(), "k2")));
    }

    @Test
    void aRetryOfARefusedCaptureAfterItsReservationEndedIsARefusalWithItsHttpStatus() {
        replay(new ModelRun.Setup(Plan.PRO, 100, false, true), List.of(
                new Op.Reserve(Who.backend("backend"), "k1", "admin", null, null, 1L, 3600L),
                new Op.Capture(Who.backend("backend"), "k2", "R1", 2L),
                new Op.Release(Who.backend("backend"), "k3", "R1"),
                new Op.Capture(Who.backend("backend"), "k2", "R1", 3L)));
    }

    /** Two requests lapse a moment apart: the job that ends the first may end both, so the model settles both. */
    @Test
    void aSecondRequestThatLapsesWhileTheFirstIsAwaitedIsSettledFirst() {
        replay(new ModelRun.Setup(Plan.PRO, 100, false, true), List.of(
                new Op.RequestTopUp(Who.user("admin"), "k1", "personal", 1L),
                new Op.Spend(Who.user("admin"), "k2", null, "PAGE_SCRAPE", 1L, null),
                new Op.RequestTopUp(Who.user("admin"), "k3", "personal", 42L),
                new Op.ExpireTopUp("Q1")));
    }

    /** A hold left to run out that was made before a close, while top-up requests lapse around it. */
    @Test
    void aShortHoldMadeBeforeACloseRunsOutWhileTopUpRequestsLapse() {
        replay(new ModelRun.Setup(Plan.PRO, 100, false, true), List.of(
                new Op.RequestTopUp(Who.user("admin"), "k1", "admin", 1L),
                new Op.CloseCycle(Who.operator(), "k2"),
                new Op.Spend(Who.user("u2"), "k3", null, "PAGE_SCRAPE", 1L, null),
                new Op.Spend(Who.user("u2"), "k4", null, "EMAIL_FINDING", 1L, null),
                new Op.Spend(Who.user("u2"), "k5", null, "ENRICHMENT", 10L, null),
                new Op.Reserve(Who.user("admin"), "k6", null, null, null, 16L, 2L),
                new Op.Transfer(Who.user("admin"), "k7", "u1", "u1", 114L, "model"),
                new Op.RequestTopUp(Who.user("admin"), "k8", "pool", 16L),
                new Op.SetAutoTopUp(Who.user("admin"), "u1", 30L, 10L, 2),
                new Op.CloseCycle(Who.operator(), "k10"),
                new Op.Spend(Who.backend("backend2"), "k11", "admin", "EMAIL_FINDING", 1L, null),
                new Op.ChangePlan(50L, false),
                new Op.RecordPurchase(Who.billing("billing"), "k13", "pay-k13", "admin", 175L, null, null, null),
                new Op.Reserve(Who.user("u2"), "k14", null, null, null, 53L, 3600L),
                new Op.RecordPurchase(Who.billing("billing"), "k15", "pay-k15", "u2", 25L, null, 250L, "EUR"),
                new Op.Reserve(Who.user("u2"), "k16", null, null, null, 19L, 3600L),
                new Op.Reverse(Who.user("admin"), "k17", "T999", 19L, null),
                new Op.Reserve(Who.backend("backend2"), "k18", "u3", "PAGE_SCRAPE", 2L, null, 2L),
                new Op.ExpireTopUp("Q2"),
                new Op.ExpireTopUp("Q1")));
    }

    static void replay(ModelRun.Setup setup, List<Op> ops) {
        ModelRun run = new ModelRun(LedgerUnderTest.get(), setup);
        ops.forEach(run::apply);
    }
}
