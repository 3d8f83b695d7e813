package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.BACKEND;
import static dev.teamcredits.model.Fixture.BILLING;
import static dev.teamcredits.model.Fixture.FREE;
import static dev.teamcredits.model.Fixture.OPERATOR;
import static dev.teamcredits.model.Fixture.TOP_UP;
import static dev.teamcredits.model.Fixture.U1;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.buckets;
import static dev.teamcredits.model.Fixture.buy;
import static dev.teamcredits.model.Fixture.close;
import static dev.teamcredits.model.Fixture.complete;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.key;
import static dev.teamcredits.model.Fixture.ok;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.requestTopUp;
import static dev.teamcredits.model.Fixture.snapshot;
import static dev.teamcredits.model.Fixture.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PurchaseTest {

    private static Op purchase(String key, String reference, String account, long amount, String requestId) {
        return new Op.RecordPurchase(BILLING, key, reference, account, amount, requestId, null, null);
    }

    @Test
    void onlyABillingClientRecordsPurchasesAndABadBodyIsRefusedFirst() {
        MoneyModel m = org();
        String before = snapshot(m);
        for (Who other : List.of(ADMIN, BACKEND, OPERATOR, Who.user("x"))) {
            assertRefused(m.apply(new Op.RecordPurchase(other, key(), "ref", "pool", 5, null, null, null)), 403,
                    "billing-client-required");
            // The body is judged first, as on every endpoint.
            assertRefused(m.apply(new Op.RecordPurchase(other, key(), "", "pool", 0, null, 1L, null)), 400,
                    "validation-failed");
        }
        assertEquals(before, snapshot(m));
        ok(m.apply(new Op.RecordPurchase(Who.billing("another-billing-client"), key(), "ref", "pool", 5, null, null,
                null)), Answer.Purchased.class);
    }

    @Test
    void aPurchaseBringsTopUpCreditsThatNeverExpireAndCountInThePoolsCycleTotal() {
        MoneyModel m = org();
        Answer answer = m.apply(new Op.RecordPurchase(BILLING, key(), "pay-1", "pool", 50, null, 5000L, "EUR"));

        assertEquals(new Answer.Purchased("P1", null, "pay-1", 50, 5000L, "EUR", new View(Acct.pool(), 150, 0, 150)),
                answer);
        assertEquals(buckets(sub(1), 100, TOP_UP, 50), m.state(Acct.pool()).buckets());
        assertEquals(150, m.poolTotalThisCycle());
        close(m);
        assertEquals(buckets(sub(2), 100, TOP_UP, 50), m.state(Acct.pool()).buckets());
        assertEquals(List.of(new MoneyModel.PurchaseInfo("P1", Acct.pool(), 50, "pay-1", null, 5000L, "EUR", null)),
                m.purchases());
    }

    @Test
    void aPersonalBalanceOpensWithItsFreeCreditsOnItsFirstPurchase() {
        MoneyModel m = org();
        assertEquals(new View(Acct.personal("u9"), 15, 0, 15),
                ok(buy(m, "personal:u9", 5), Answer.Purchased.class).balance());
        buy(m, "personal:u9", 5);
        assertEquals(buckets(FREE, 10, TOP_UP, 10), m.state(Acct.personal("u9")).buckets());
        join(m, "u9", false, null);
        assertEquals(20, m.state(Acct.personal("u9")).balance());
    }

    @Test
    void aMemberBalanceTakesPurchasesOnlyWhileTheMemberIsActive() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        assertEquals(new View(Acct.member("u1"), 30, 0, 30), ok(buy(m, "u1", 30), Answer.Purchased.class).balance());
        m.apply(new Op.Leave("u1"));
        String before = snapshot(m);

        assertRefused(buy(m, "u1", 5), 409, "member-inactive");
        assertRefused(buy(m, "u9", 5), 404, "member-not-found");
        assertEquals(before, snapshot(m));
    }

    @Test
    void theSamePaymentReferenceAgainIsTheFirstPurchaseOrAConflict() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        Answer first = m.apply(new Op.RecordPurchase(BILLING, "k1", "pay-1", "pool", 50, null, 5000L, "EUR"));
        spendAll(m);
        String before = snapshot(m);

        // Another key, or another billing client: the first purchase as it was answered, with its balance then.
        assertEquals(new Answer.Replayed(first), m.apply(purchase("k2", "pay-1", "pool", 50, null)));
        assertEquals(new Answer.Replayed(first), m.apply(new Op.RecordPurchase(Who.billing("other"), "k1", "pay-1",
                "pool", 50, null, 1L, "USD")));
        assertRefused(m.apply(purchase("k3", "pay-1", "pool", 51, null)), 409, "payment-reference-conflict");
        assertRefused(m.apply(purchase("k3", "pay-1", "u1", 50, null)), 409, "payment-reference-conflict");
        assertRefused(m.apply(purchase("k3", "pay-1", "personal:admin", 50, null)), 409,
                "payment-reference-conflict");
        assertEquals(before, snapshot(m));

        // A reference's replay changed nothing and stored nothing: its key is free for another purchase.
        ok(m.apply(purchase("k2", "pay-2", "pool", 7, null)), Answer.Purchased.class);
        assertEquals(2, m.purchases().size());
    }

    @Test
    void theKeyIsCheckedBeforeThePaymentReference() {
        MoneyModel m = org();
        Op first = purchase("k1", "pay-1", "pool", 50, null);
        Answer answer = m.apply(first);
        assertEquals(new Answer.Replayed(answer), m.apply(first));
        assertRefused(m.apply(purchase("k1", "pay-1", "pool", 51, null)), 422, "idempotency-key-reused");
        assertRefused(m.apply(purchase("k1", "pay-2", "pool", 50, null)), 422, "idempotency-key-reused");
    }

    @Test
    void theBodyIsValidatedAfterTheCallerAndBeforeTheKey() {
        MoneyModel m = org();
        m.apply(purchase("used", "pay-0", "pool", 1, null));
        String before = snapshot(m);
        List<Op> invalid = List.of(
                purchase("used", "pay-1", "pool", 0, null),
                purchase("used", "pay-1", "pool", ModelConfig.MAX_AMOUNT + 1, null),
                purchase("used", "", "pool", 5, null),
                purchase("used", null, "pool", 5, null),
                purchase("used", "x".repeat(201), "pool", 5, null),
                purchase("used", "pay 1", "pool", 5, null),
                purchase("used", "pay-\u00e9", "pool", 5, null),
                purchase("used", "pay-1", null, 5, null),
                purchase("used", "pay-1", "personal:", 5, null),
                new Op.RecordPurchase(BILLING, "used", "pay-1", "pool", 5, null, 500L, null),
                new Op.RecordPurchase(BILLING, "used", "pay-1", "pool", 5, null, null, "EUR"),
                new Op.RecordPurchase(BILLING, "used", "pay-1", "pool", 5, null, -1L, "EUR"),
                new Op.RecordPurchase(BILLING, "used", "pay-1", "pool", 5, null, 500L, "eur"),
                new Op.RecordPurchase(BILLING, "used", "pay-1", "pool", 5, null, 500L, "EURO"));
        for (Op op : invalid) {
            assertRefused(m.apply(op), 400, "validation-failed");
        }
        assertEquals(before, snapshot(m));
        ok(m.apply(purchase(key(), "x".repeat(200), "pool", 5, null)), Answer.Purchased.class);
        ok(m.apply(new Op.RecordPurchase(BILLING, key(), "~!", "pool", 5, null, 0L, "EUR")), Answer.Purchased.class);
    }

    @Test
    void aPurchaseCompletesTheRequestItNamesWithTheRequestsAccountAndAmount() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        requestTopUp(m, ADMIN, "u1", 40);
        String before = snapshot(m);
        assertRefused(m.apply(purchase(key(), "pay-1", null, 40, "Q9")), 404, "top-up-request-not-found");
        assertRefused(m.apply(purchase(key(), "pay-1", null, 41, "Q1")), 409, "top-up-request-mismatch");
        assertRefused(m.apply(purchase(key(), "pay-1", "pool", 40, "Q1")), 409, "top-up-request-mismatch");
        assertEquals(before, snapshot(m));

        Answer answer = m.apply(new Op.RecordPurchase(BILLING, key(), "pay-1", "u1", 40, "Q1", 400L, "EUR"));

        assertEquals(new Answer.Purchased("P1", "Q1", "pay-1", 40, 400L, "EUR", new View(Acct.member("u1"), 40, 0, 40)),
                answer);
        assertEquals(new MoneyModel.TopUpRequestInfo("Q1", Acct.member("u1"), 40, MoneyModel.COMPLETED, "admin", false,
                null, "P1", "pay-1"), m.topUpRequests().get(0));
        assertEquals("admin", m.purchases().get(0).requestedBy());
        assertRefused(m.apply(purchase(key(), "pay-2", null, 40, "Q1")), 409, "top-up-request-settled");
    }

    @Test
    void anExpiredRequestIsCompletedLateAndADeclinedOneIsNot() {
        MoneyModel m = org();
        requestTopUp(m, ADMIN, "pool", 40);
        requestTopUp(m, ADMIN, "pool", 41);
        m.apply(new Op.ExpireTopUp("Q1"));
        m.apply(new Op.DeclineTopUp(BILLING, key(), "Q2", "card declined"));

        assertEquals("Q1", ok(complete(m, "Q1", 40), Answer.Purchased.class).requestId());
        assertEquals(MoneyModel.COMPLETED, m.topUpRequests().get(0).status());
        assertRefused(complete(m, "Q2", 41), 409, "top-up-request-settled");
        assertEquals(140, m.state(Acct.pool()).balance());
    }

    @Test
    void thePaymentReferenceIsCheckedBeforeTheRequestSoARetryOfACompletionIsItsFirstAnswer() {
        MoneyModel m = org();
        requestTopUp(m, ADMIN, "pool", 40);
        Answer first = m.apply(purchase("k1", "pay-1", null, 40, "Q1"));

        assertEquals(new Answer.Replayed(first), m.apply(purchase("k2", "pay-1", null, 40, "Q1")));
        assertEquals(new Answer.Replayed(first), m.apply(purchase("k2", "pay-1", "pool", 40, null)));
        // Of an unknown request and no account, the account cannot be told: not the first purchase's.
        assertRefused(m.apply(purchase("k2", "pay-1", null, 40, "Q9")), 409, "payment-reference-conflict");
        assertRefused(m.apply(purchase("k2", "pay-1", null, 41, "Q1")), 409, "payment-reference-conflict");
    }

    @Test
    void thePurchaseHistoryListsRequestsWithTheirPurchaseAndPurchasesWithoutOneNewestFirst() {
        MoneyModel m = org();
        requestTopUp(m, ADMIN, "pool", 40);
        m.apply(new Op.RecordPurchase(BILLING, key(), "pay-1", "pool", 9, null, 90L, "EUR"));
        requestTopUp(m, ADMIN, "pool", 41);
        m.apply(new Op.RecordPurchase(BILLING, key(), "pay-2", null, 40, "Q1", 400L, "EUR"));
        m.apply(new Op.DeclineTopUp(BILLING, key(), "Q2", "card declined"));
        buy(m, "personal:admin", 3);

        assertEquals(List.of(
                new MoneyModel.HistoryItem("REQUEST", "Q2", null, 41, MoneyModel.DECLINED, null, null, null, "admin",
                        false, "card declined"),
                new MoneyModel.HistoryItem("PURCHASE", null, "P1", 9, MoneyModel.COMPLETED, "pay-1", 90L, "EUR", null,
                        false, null),
                new MoneyModel.HistoryItem("REQUEST", "Q1", "P2", 40, MoneyModel.COMPLETED, "pay-2", 400L, "EUR",
                        "admin", false, null)), m.purchaseHistory(Acct.pool()));
        assertEquals(1, m.purchaseHistory(Acct.personal("admin")).size());
        assertNull(m.purchaseHistory(Acct.personal("admin")).get(0).requestId());
    }

    @Test
    void aBillingClientIsNoMemberOfAnyOrg() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        m.apply(new Op.Reserve(U1, key(), null, null, null, 5L, 60));
        String before = snapshot(m);

        assertRefused(m.apply(new Op.Spend(BILLING, key(), null, "PAGE_SCRAPE", 1, null)), 404, "org-not-found");
        assertRefused(m.apply(new Op.Spend(BILLING, key(), "u1", "PAGE_SCRAPE", 1, null)), 403, "spend-for-others");
        assertRefused(m.apply(new Op.Reserve(BILLING, key(), null, null, null, 5L, 60)), 404, "org-not-found");
        assertRefused(m.apply(new Op.Capture(BILLING, key(), "R1", 1)), 404, "reservation-not-found");
        assertRefused(m.apply(new Op.Release(BILLING, key(), "R1")), 404, "reservation-not-found");
        assertRefused(m.apply(new Op.Transfer(BILLING, key(), "pool", "u1", 1, null)), 404, "org-not-found");
        assertRefused(m.apply(new Op.SetAutoTopUp(BILLING, "pool", 10, 10, 1)), 404, "org-not-found");
        assertRefused(m.apply(new Op.CloseCycle(BILLING, key())), 403, "operator-required");
        assertRefused(m.apply(new Op.OperatorGrant(BILLING, key(), "pool", 5, "r")), 403, "operator-required");
        assertEquals(before, snapshot(m));
    }

    private static void spendAll(MoneyModel m) {
        ok(m.apply(new Op.Spend(ADMIN, key(), null, "PAGE_SCRAPE", m.state(Acct.pool()).available(), null)),
                Answer.Spent.class);
    }
}
