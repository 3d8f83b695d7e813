package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.BILLING;
import static dev.teamcredits.model.Fixture.U1;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.available;
import static dev.teamcredits.model.Fixture.buy;
import static dev.teamcredits.model.Fixture.close;
import static dev.teamcredits.model.Fixture.complete;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.key;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.requestTopUp;
import static dev.teamcredits.model.Fixture.spend;
import static dev.teamcredits.model.Fixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoTopUpTest {

    private static final String AUTO = MoneyModel.AUTO_TOP_UP;

    /** The model's requests as (id, account, amount, status, automatic). */
    private static List<String> requests(MoneyModel m) {
        return m.topUpRequests().stream().map(r -> r.id() + " " + r.account() + " " + r.amount() + " " + r.status()
                + (r.automatic() ? " " + r.requestedBy() : "")).toList();
    }

    @Test
    void itRequestsCreditsOnceWhenAvailableDropsBelowTheThresholdAndReArmsWhenItRisesAgain() {
        MoneyModel m = org();
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 50, 5, 10));

        spend(m, "admin", 60);
        assertEquals(40, available(m, Acct.pool()), "the request brings nothing yet");
        assertEquals(List.of("Q1 pool 5 awaiting-payment " + AUTO), requests(m));
        spend(m, "admin", 1);
        complete(m, "Q1", 5);
        assertEquals(44, available(m, Acct.pool()));
        assertEquals(1, m.topUpRequests().size(), "still below the threshold: not armed again");
        buy(m, "pool", 10);
        spend(m, "admin", 10);
        assertEquals(44, available(m, Acct.pool()));
        assertEquals(List.of("Q1 pool 5 completed " + AUTO, "Q2 pool 5 awaiting-payment " + AUTO), requests(m));
        assertEquals(new Provenance(100, 10, 15, 0, 0), m.created(), "allocation, free credits, two purchases");
    }

    @Test
    void settingItEvaluatesNothingUntilALaterStepChangesTheAccount() {
        MoneyModel m = org();
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 1000, 5, 10));
        assertEquals(List.of(), m.topUpRequests());
        spend(m, "admin", 1);
        assertEquals(List.of("Q1 pool 5 awaiting-payment " + AUTO), requests(m));
        assertEquals(99, available(m, Acct.pool()));
    }

    @Test
    void thePerCycleLimitCountsRequestsWhateverBecameOfThemUntilTheNextClose() {
        MoneyModel m = org();
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 50, 30, 1));
        spend(m, "admin", 60);
        m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", "card declined"));
        buy(m, "pool", 20);
        spend(m, "admin", 30);
        assertEquals(30, available(m, Acct.pool()));
        assertEquals(1, m.topUpRequests().size());

        close(m);
        assertEquals(120, available(m, Acct.pool()));
        spend(m, "admin", 80);
        assertEquals(List.of("Q1 pool 30 declined " + AUTO, "Q2 pool 30 awaiting-payment " + AUTO), requests(m));
    }

    @Test
    void aDeclinedRequestLeavesItDisarmedUntilAvailableIsBackAtTheThreshold() {
        MoneyModel m = org();
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 50, 30, 5));
        spend(m, "admin", 60);
        m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", "card declined"));
        m.apply(new Op.ExpireTopUp("Q1"));
        spend(m, "admin", 1);
        assertEquals(1, m.topUpRequests().size());
        buy(m, "pool", 11);
        spend(m, "admin", 1);
        assertEquals(2, m.topUpRequests().size());
    }

    @Test
    void itMakesNoRequestWhileItsAccountHasTheMostOpenRequestsAndStaysArmed() {
        MoneyModel m = new MoneyModel(new ModelConfig(ModelConfig.DEFAULT_PRICES, 0, 60, 1), LocalDate.of(2025, 3, 1),
                100, false, false);
        m.apply(new Op.Join("admin", Op.Role.ADMIN, true, null));
        requestTopUp(m, ADMIN, "pool", 500);
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 50, 30, 1));
        spend(m, "admin", 60);
        assertEquals(1, m.topUpRequests().size());

        m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", "card declined"));
        spend(m, "admin", 1);
        assertEquals(List.of("Q1 pool 500 declined", "Q2 pool 30 awaiting-payment " + AUTO), requests(m));
    }

    @Test
    void itBelongsToItsAccountAndIsNotInheritedThroughATransfer() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        join(m, "u2", false, null);
        m.apply(new Op.SetAutoTopUp(ADMIN, "u1", 10, 7, 10));
        transfer(m, "pool", "u1", 20);

        transfer(m, "u1", "u2", 15);
        assertEquals(5, available(m, Acct.member("u1")));
        spend(m, "u2", 15);
        assertEquals(0, available(m, Acct.member("u2")));
        assertEquals(List.of("Q1 member:u1 7 awaiting-payment " + AUTO), requests(m));
    }

    @Test
    void itIsDeletedWhenTheMemberLeaves() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        m.apply(new Op.SetAutoTopUp(ADMIN, "u1", 10, 7, 10));
        m.apply(new Op.Leave("u1"));
        join(m, "u1", false, null);
        transfer(m, "pool", "u1", 5);
        assertEquals(List.of(), m.topUpRequests());
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
        assertEquals(List.of(), m.topUpRequests());
    }
}
