package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.BACKEND;
import static dev.teamcredits.model.Fixture.BILLING;
import static dev.teamcredits.model.Fixture.OPERATOR;
import static dev.teamcredits.model.Fixture.U1;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.buckets;
import static dev.teamcredits.model.Fixture.complete;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.key;
import static dev.teamcredits.model.Fixture.ok;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.requestTopUp;
import static dev.teamcredits.model.Fixture.snapshot;
import static dev.teamcredits.model.Fixture.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopUpRequestTest {

    private static final String AWAITING = MoneyModel.AWAITING_PAYMENT;

    @Test
    void aUserAsksForCreditsForTheirPersonalBalanceAndNothingMovesUntilAPurchase() {
        MoneyModel m = org();
        String before = m.toString().replaceAll("(?m)^.*TopUpRequestInfo.*\\n", "");

        Answer answer = requestTopUp(m, Who.user("u9"), "personal", 30);

        assertEquals(new Answer.Requested("Q1", Acct.personal("u9"), 30, AWAITING, "u9", false, null), answer);
        // A request moves no credit and opens no personal balance: only the purchase that completes it does.
        assertEquals(new AccountState(0, 0, 0, buckets()), m.state(Acct.personal("u9")));
        assertEquals(Set.of("admin"), m.personalOpened());
        assertEquals(before, m.toString().replaceAll("(?m)^.*TopUpRequestInfo.*\\n", ""));
    }

    @Test
    void anAdminAsksForThePoolOrAnActiveMembersBalance() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        join(m, "u2", false, null);
        m.apply(new Op.Leave("u2"));

        assertEquals(new Answer.Requested("Q1", Acct.pool(), 40, AWAITING, "admin", false, null),
                requestTopUp(m, ADMIN, "pool", 40));
        assertEquals(new Answer.Requested("Q2", Acct.member("u1"), 7, AWAITING, "admin", false, null),
                requestTopUp(m, ADMIN, "u1", 7));
        String before = snapshot(m);
        assertRefused(requestTopUp(m, U1, "pool", 5), 403, "admin-required");
        assertRefused(requestTopUp(m, U1, "u1", 5), 403, "admin-required");
        assertRefused(requestTopUp(m, Who.user("x"), "pool", 5), 404, "org-not-found");
        assertRefused(requestTopUp(m, ADMIN, "u2", 5), 404, "member-not-found");
        assertRefused(requestTopUp(m, ADMIN, "u9", 5), 404, "member-not-found");
        assertEquals(before, snapshot(m));
    }

    @Test
    void aServiceTokenCannotAskForAPersonalBalanceAndSeesNoOrg() {
        MoneyModel m = org();
        for (Who service : List.of(BACKEND, OPERATOR, BILLING)) {
            assertRefused(requestTopUp(m, service, "personal", 5), 403, "user-token-required");
            assertRefused(requestTopUp(m, service, "pool", 5), 404, "org-not-found");
        }
        assertEquals(List.of(), m.topUpRequests());
    }

    @Test
    void theAmountComesFirstThenTheTokenThenTheKeyThenTheOrg() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        m.apply(new Op.Spend(BACKEND, "used", "admin", "PAGE_SCRAPE", 1, null));
        m.apply(new Op.Spend(U1, "used", null, "EXPORT", 1, null));

        assertRefused(m.apply(new Op.RequestTopUp(BACKEND, "used", "personal", 0)), 400, "validation-failed");
        assertRefused(m.apply(new Op.RequestTopUp(BACKEND, "used", "personal", 1)), 403, "user-token-required");
        assertRefused(m.apply(new Op.RequestTopUp(BACKEND, "used", "pool", 1)), 422, "idempotency-key-reused");
        assertRefused(m.apply(new Op.RequestTopUp(U1, "used", "pool", 1)), 422, "idempotency-key-reused");
        assertRefused(m.apply(new Op.RequestTopUp(ADMIN, key(), "pool", ModelConfig.MAX_AMOUNT + 1)), 400,
                "validation-failed");
        ok(m.apply(new Op.RequestTopUp(ADMIN, key(), "pool", ModelConfig.MAX_AMOUNT)), Answer.Requested.class);
    }

    @Test
    void anAccountHasAtMostTheConfiguredNumberOfRequestsAwaitingPayment() {
        MoneyModel m = new MoneyModel(new ModelConfig(ModelConfig.DEFAULT_PRICES, 0, 60, 2), LocalDate.of(2025, 3, 1),
                100, false, false);
        m.apply(new Op.Join("admin", Op.Role.ADMIN, true, null));
        join(m, "u1", false, null);
        requestTopUp(m, ADMIN, "pool", 10);
        requestTopUp(m, ADMIN, "pool", 20);
        Op third = new Op.RequestTopUp(ADMIN, "third", "pool", 30);
        assertRefused(m.apply(third), 409, "too-many-open-top-up-requests");
        // Per account: the member balance and personal balances have their own.
        ok(requestTopUp(m, ADMIN, "u1", 5), Answer.Requested.class);
        ok(requestTopUp(m, ADMIN, "personal", 5), Answer.Requested.class);
        ok(requestTopUp(m, ADMIN, "personal", 5), Answer.Requested.class);

        // A settled request leaves room, whether completed, declined or expired; the refused key was left free.
        complete(m, "Q1", 10);
        assertEquals(new Answer.Requested("Q6", Acct.pool(), 30, AWAITING, "admin", false, null), m.apply(third));
        m.apply(new Op.DeclineTopUp(BILLING, key(), "Q2", "card declined"));
        ok(requestTopUp(m, ADMIN, "pool", 1), Answer.Requested.class);
        assertRefused(requestTopUp(m, ADMIN, "pool", 1), 409, "too-many-open-top-up-requests");
        m.apply(new Op.ExpireTopUp("Q6"));
        ok(requestTopUp(m, ADMIN, "pool", 1), Answer.Requested.class);
    }

    @Test
    void aRetryReplaysTheFirstAnswerEvenAfterTheRequestWasSettled() {
        MoneyModel m = org();
        Op request = new Op.RequestTopUp(ADMIN, "k", "pool", 25);
        Answer first = m.apply(request);
        m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", "card declined"));

        assertEquals(new Answer.Replayed(first), m.apply(request));
        assertRefused(m.apply(new Op.RequestTopUp(ADMIN, "k", "pool", 26)), 422, "idempotency-key-reused");
        assertEquals(1, m.topUpRequests().size());
    }

    @Test
    void theBillingBackendDeclinesARequestAwaitingPaymentOnce() {
        MoneyModel m = org();
        requestTopUp(m, ADMIN, "pool", 25);
        String before = snapshot(m);
        for (Who other : List.of(ADMIN, BACKEND, OPERATOR)) {
            assertRefused(m.apply(new Op.DeclineTopUp(other, key(), "Q1", "no")), 403, "billing-client-required");
        }
        assertRefused(m.apply(new Op.DeclineTopUp(ADMIN, key(), "Q1", "")), 400, "validation-failed"); // the body first
        assertRefused(m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", " ")), 400, "validation-failed");
        assertRefused(m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", null)), 400, "validation-failed");
        assertRefused(m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", "x".repeat(501))), 400, "validation-failed");
        assertRefused(m.apply(new Op.DeclineTopUp(BILLING, key(), "Q9", "no")), 404, "top-up-request-not-found");
        assertEquals(before, snapshot(m));

        Op decline = new Op.DeclineTopUp(BILLING, "d", "Q1", "card declined");
        Answer declined = m.apply(decline);
        assertEquals(new Answer.Requested("Q1", Acct.pool(), 25, MoneyModel.DECLINED, "admin", false, "card declined"),
                declined);
        assertEquals(new Answer.Replayed(declined), m.apply(decline));
        assertRefused(m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", "again")), 409, "top-up-request-settled");
        assertEquals(100, m.state(Acct.pool()).balance());
    }

    @Test
    void completedOrExpiredRequestsCannotBeDeclined() {
        MoneyModel m = org();
        requestTopUp(m, ADMIN, "pool", 25);
        requestTopUp(m, ADMIN, "pool", 26);
        complete(m, "Q1", 25);
        m.apply(new Op.ExpireTopUp("Q2"));
        assertRefused(m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", "no")), 409, "top-up-request-settled");
        assertRefused(m.apply(new Op.DeclineTopUp(BILLING, key(), "Q2", "no")), 409, "top-up-request-settled");
    }

    @Test
    void theSystemExpiresOnlyARequestAwaitingPayment() {
        MoneyModel m = org();
        requestTopUp(m, ADMIN, "pool", 25);
        requestTopUp(m, ADMIN, "pool", 26);
        m.apply(new Op.DeclineTopUp(BILLING, key(), "Q2", "no"));

        assertEquals(new Answer.Requested("Q1", Acct.pool(), 25, MoneyModel.EXPIRED, "admin", false, null),
                m.apply(new Op.ExpireTopUp("Q1")));
        assertEquals(new Answer.Noted(), m.apply(new Op.ExpireTopUp("Q1")));
        assertEquals(new Answer.Noted(), m.apply(new Op.ExpireTopUp("Q2")));
        assertEquals(new Answer.Noted(), m.apply(new Op.ExpireTopUp("Q9")));
        assertEquals(MoneyModel.DECLINED, m.topUpRequests().get(1).status());
        assertEquals(buckets(sub(1), 100), m.state(Acct.pool()).buckets());
    }

    @Test
    void aMembersRequestsOutliveTheirDepartureButNoPurchaseLandsOnTheirBalance() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        requestTopUp(m, ADMIN, "u1", 25);
        m.apply(new Op.Leave("u1"));

        assertRefused(complete(m, "Q1", 25), 409, "member-inactive");
        assertEquals(AWAITING, m.topUpRequests().get(0).status());
        assertEquals(new Answer.Requested("Q1", Acct.member("u1"), 25, MoneyModel.DECLINED, "admin", false, "gone"),
                m.apply(new Op.DeclineTopUp(BILLING, key(), "Q1", "gone")));
    }
}
