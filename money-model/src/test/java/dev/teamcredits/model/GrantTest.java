package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.BACKEND;
import static dev.teamcredits.model.Fixture.BILLING;
import static dev.teamcredits.model.Fixture.FREE;
import static dev.teamcredits.model.Fixture.OPERATOR;
import static dev.teamcredits.model.Fixture.TOP_UP;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.buckets;
import static dev.teamcredits.model.Fixture.close;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.key;
import static dev.teamcredits.model.Fixture.ok;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.snapshot;
import static dev.teamcredits.model.Fixture.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrantTest {

    @Test
    void anOperatorGrantsTopUpCreditsThatNeverExpireWithTheReasonOnRecord() {
        MoneyModel m = org();
        Answer answer = m.apply(new Op.OperatorGrant(OPERATOR, key(), "pool", 30, "support ticket 7"));

        assertEquals(new Answer.Granted(30, "support ticket 7", new View(Acct.pool(), 130, 0, 130)), answer);
        assertEquals(130, m.poolTotalThisCycle());
        close(m);
        assertEquals(buckets(sub(2), 100, TOP_UP, 30), m.state(Acct.pool()).buckets());
        assertEquals(List.of(new MoneyModel.GrantInfo(Acct.pool(), 30, "support ticket 7", OPERATOR)), m.grants());
    }

    @Test
    void onlyTheOperatorGrantsThenTheBodyIsCheckedThenTheKey() {
        MoneyModel m = org();
        m.apply(new Op.OperatorGrant(OPERATOR, "used", "pool", 1, "r"));
        String before = snapshot(m);
        for (Who other : List.of(ADMIN, BACKEND, BILLING)) {
            assertRefused(m.apply(new Op.OperatorGrant(other, key(), "pool", 5, "r")), 403, "operator-required");
            assertRefused(m.apply(new Op.OperatorGrant(other, key(), "pool", 0, "")), 400, "validation-failed");
        }
        for (String reason : new String[] { null, "", "   ", "x".repeat(501) }) {
            assertRefused(m.apply(new Op.OperatorGrant(OPERATOR, "used", "pool", 5, reason)), 400,
                    "validation-failed");
        }
        assertRefused(m.apply(new Op.OperatorGrant(OPERATOR, "used", "pool", 0, "r")), 400, "validation-failed");
        assertRefused(m.apply(new Op.OperatorGrant(OPERATOR, "used", null, 5, "r")), 400, "validation-failed");
        assertRefused(m.apply(new Op.OperatorGrant(OPERATOR, "used", "pool", 5, "r")), 422, "idempotency-key-reused");
        assertEquals(before, snapshot(m));
        ok(m.apply(new Op.OperatorGrant(OPERATOR, key(), "pool", 5, "x".repeat(500))), Answer.Granted.class);
    }

    @Test
    void aGrantLandsOnlyOnThePoolAnActiveMemberOrAPersonalBalanceWhichItOpens() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        join(m, "u2", false, null);
        m.apply(new Op.Leave("u2"));

        assertEquals(new View(Acct.member("u1"), 4, 0, 4), grant(m, "u1", 4).balance());
        assertEquals(new View(Acct.personal("u9"), 14, 0, 14), grant(m, "personal:u9", 4).balance());
        assertEquals(buckets(FREE, 10, TOP_UP, 4), m.state(Acct.personal("u9")).buckets());
        String before = snapshot(m);
        assertRefused(m.apply(new Op.OperatorGrant(OPERATOR, key(), "u2", 4, "r")), 409, "member-inactive");
        assertRefused(m.apply(new Op.OperatorGrant(OPERATOR, key(), "u9", 4, "r")), 404, "member-not-found");
        assertEquals(before, snapshot(m));
    }

    @Test
    void aRetryReplaysTheGrant() {
        MoneyModel m = org();
        Op grant = new Op.OperatorGrant(OPERATOR, "g", "pool", 30, "migration");
        Answer first = m.apply(grant);
        assertEquals(new Answer.Replayed(first), m.apply(grant));
        assertEquals(130, m.state(Acct.pool()).balance());
        assertEquals(1, m.grants().size());
    }

    private static Answer.Granted grant(MoneyModel m, String account, long amount) {
        return ok(m.apply(new Op.OperatorGrant(OPERATOR, key(), account, amount, "r")), Answer.Granted.class);
    }
}
