package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.U1;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.available;
import static dev.teamcredits.model.Fixture.close;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.spend;
import static dev.teamcredits.model.Fixture.topUpPool;
import static dev.teamcredits.model.Fixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AutoTopUpTest {

    @Test
    void itFiresOnceWhenAvailableDropsBelowTheThresholdAndReArmsWhenItRisesAgain() {
        MoneyModel m = org();
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 50, 5, 10));

        spend(m, "admin", 60);
        assertEquals(45, available(m, Acct.pool()));
        spend(m, "admin", 1);
        assertEquals(44, available(m, Acct.pool()));
        topUpPool(m, 10);
        spend(m, "admin", 10);
        assertEquals(49, available(m, Acct.pool()));
        assertEquals(10 + 100 + 5 + 10 + 5, m.granted(), "free credits, allocation, two auto top-ups, one top-up");
    }

    @Test
    void settingItEvaluatesNothingUntilALaterStepChangesTheAccount() {
        MoneyModel m = org();
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 1000, 5, 10));
        assertEquals(100, available(m, Acct.pool()));
        spend(m, "admin", 1);
        assertEquals(104, available(m, Acct.pool()));
    }

    @Test
    void thePerCycleLimitStopsItUntilTheNextClose() {
        MoneyModel m = org();
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 50, 30, 1));
        spend(m, "admin", 60);
        assertEquals(70, available(m, Acct.pool()));
        spend(m, "admin", 30);
        assertEquals(40, available(m, Acct.pool()));

        close(m);
        assertEquals(130, available(m, Acct.pool()));
        spend(m, "admin", 90);
        assertEquals(70, available(m, Acct.pool()));
    }

    @Test
    void itBelongsToItsAccountAndIsNotInheritedThroughATransfer() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        join(m, "u2", false, null);
        m.apply(new Op.SetAutoTopUp(ADMIN, "u1", 10, 7, 10));
        transfer(m, "pool", "u1", 20);

        transfer(m, "u1", "u2", 15);
        assertEquals(12, available(m, Acct.member("u1")));
        spend(m, "u2", 15);
        assertEquals(0, available(m, Acct.member("u2")));
    }

    @Test
    void itIsDeletedWhenTheMemberLeaves() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        m.apply(new Op.SetAutoTopUp(ADMIN, "u1", 10, 7, 10));
        m.apply(new Op.Leave("u1"));
        join(m, "u1", false, null);
        transfer(m, "pool", "u1", 5);
        assertEquals(5, available(m, Acct.member("u1")));
        assertRefused(m.apply(new Op.SetAutoTopUp(ADMIN, "u9", 10, 7, 10)), 404, "member-not-found");
    }

    @Test
    void onlyAnActiveAdminManagesItAndDeletingIt204() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        assertRefused(m.apply(new Op.SetAutoTopUp(U1, "pool", 10, 7, 10)), 403, "admin-required");
        assertRefused(m.apply(new Op.SetAutoTopUp(Who.user("x"), "pool", 10, 7, 10)), 404, "org-not-found");
        assertRefused(m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 10, 0, 10)), 400, "validation-failed");
        assertEquals(new Answer.Done(200), m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 1000, 7, 10)));
        assertEquals(new Answer.Done(204), m.apply(new Op.DeleteAutoTopUp(ADMIN, "pool")));
        spend(m, "admin", 1);
        assertEquals(99, available(m, Acct.pool()));
    }
}
