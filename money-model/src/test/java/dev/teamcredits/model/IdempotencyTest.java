package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.OPERATOR;
import static dev.teamcredits.model.Fixture.U1;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.buy;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.ok;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdempotencyTest {

    @Test
    void aRetryWithTheSameKeyAndRequestReplaysTheFirstAnswerAndChangesNothing() {
        MoneyModel m = org();
        Op grant = new Op.OperatorGrant(OPERATOR, "k", "pool", 50, "goodwill");
        Answer first = m.apply(grant);
        String after = snapshot(m);

        assertEquals(new Answer.Replayed(first), m.apply(grant));
        assertEquals(after, snapshot(m));
        assertEquals(150, m.state(Acct.pool()).balance());
    }

    @Test
    void theSameKeyWithAnotherRequestIs422() {
        MoneyModel m = org();
        m.apply(new Op.OperatorGrant(OPERATOR, "k", "pool", 50, "goodwill"));
        String after = snapshot(m);
        assertRefused(m.apply(new Op.OperatorGrant(OPERATOR, "k", "pool", 51, "goodwill")), 422,
                "idempotency-key-reused");
        assertRefused(m.apply(new Op.CloseCycle(OPERATOR, "k")), 422, "idempotency-key-reused");
        assertEquals(after, snapshot(m));
    }

    @Test
    void aRefusedRequestLeavesItsKeyFree() {
        MoneyModel m = org();
        Op spend = new Op.Spend(ADMIN, "k", null, "PAGE_SCRAPE", 120, null);
        assertEquals(402, ok(m.apply(spend), Answer.Refused.class).status());
        buy(m, "pool", 20);
        assertEquals(120, ok(m.apply(spend), Answer.Spent.class).amount());
        assertEquals(Answer.Replayed.class, m.apply(spend).getClass());
    }

    @Test
    void keysArePerCaller() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        ok(m.apply(new Op.Spend(ADMIN, "k", null, "PAGE_SCRAPE", 1, null)), Answer.Spent.class);
        ok(m.apply(new Op.Spend(U1, "k", null, "PAGE_SCRAPE", 2, null)), Answer.Spent.class);
        assertEquals(97, m.state(Acct.pool()).balance());
    }

    @Test
    void spendChecksWhoAndThePriceBeforeTheKeyAndMembershipAfterIt() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        Op spend = new Op.Spend(U1, "k", null, "PAGE_SCRAPE", 1, null);
        Answer first = m.apply(spend);
        assertRefused(m.apply(new Op.Spend(U1, "k", null, "NOPE", 1, null)), 400, "unknown-action");
        assertRefused(m.apply(new Op.Spend(U1, "k", "admin", "PAGE_SCRAPE", 1, null)), 403, "spend-for-others");
        m.apply(new Op.Leave("u1"));
        assertEquals(new Answer.Replayed(first), m.apply(spend));
    }

    @Test
    void closeCycleChecksTheOperatorBeforeTheKeyAndAReplayClosesNothing() {
        MoneyModel m = org();
        Op close = new Op.CloseCycle(OPERATOR, "k");
        assertRefused(m.apply(new Op.CloseCycle(ADMIN, "k")), 403, "operator-required");
        Answer first = m.apply(close);
        assertEquals(new Answer.Replayed(first), m.apply(close));
        assertEquals(1, m.cycle());
        assertRefused(m.apply(new Op.CloseCycle(ADMIN, "k")), 403, "operator-required");
    }

    @Test
    void captureChecksTheKeyBeforeAnythingElse() {
        MoneyModel m = org();
        m.apply(new Op.Reserve(ADMIN, "r", null, null, null, 10L, 60));
        Op capture = new Op.Capture(ADMIN, "c", "R1", 10);
        Answer first = m.apply(capture);
        assertEquals(new Answer.Replayed(first), m.apply(capture));
        assertRefused(m.apply(new Op.Release(ADMIN, "c", "R1")), 422, "idempotency-key-reused");
    }
}
