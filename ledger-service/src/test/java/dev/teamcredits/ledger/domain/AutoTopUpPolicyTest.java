package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoTopUpPolicyTest {

    /**
     * available after the step, threshold, amount, limit, fired, armed, open requests → requested?, armed after,
     * fired after. A request never changes the balance.
     */
    @ParameterizedTest(name = "available {0}, threshold {1}, +{2}, fired {4}/{3}, armed {5}, {6} open → {7}")
    @CsvSource({
            "40, 50, 100, 2, 0, true, 0, requested waiting 1",
            "40, 50, 5, 2, 0, true, 0, requested waiting 1",
            "40, 50, 100, 2, 2, true, 0, nothing armed 2",
            "40, 50, 100, 2, 0, false, 0, nothing waiting 0",
            "40, 50, 100, 2, 0, true, 19, requested waiting 1",
            "40, 50, 100, 2, 0, true, 20, nothing armed 0",
            "60, 50, 100, 2, 1, false, 0, nothing armed 1",
            "60, 50, 100, 2, 1, true, 0, nothing armed 1",
            "50, 50, 100, 2, 1, false, 0, nothing armed 1" })
    void asksOncePerDropWithinThePerCycleLimitAndTheOpenRequestsLimit(long available, long threshold, long amount,
            int limit, int fired, boolean armed, int open, String expected) {
        Account a = Accounts.pool();
        Accounts.lot(a, LotKind.TOP_UP, null, available);
        a.autoTopUp = new Account.AutoTopUp(threshold, amount, limit, fired, null, armed, open);
        a.stepChanged = true;
        Postings postings = Accounts.postings();
        AutoTopUpPolicy.afterStep(postings, List.of(a), 20);
        assertEquals(available, a.balance, "no credits are created");
        String requested = postings.requests().isEmpty() ? "nothing" : "requested";
        assertEquals(expected, requested + " " + (a.autoTopUp.armed ? "armed" : "waiting") + " " + a.autoTopUp.fired);
        if (!postings.requests().isEmpty()) {
            Postings.TopUpRequest r = postings.requests().get(0);
            assertEquals(amount, r.amount());
            assertEquals(AutoTopUpPolicy.REQUESTER, r.requestedBy());
            assertEquals(true, r.automatic());
            assertEquals(open + 1, a.autoTopUp.openRequests);
        }
    }

    @ParameterizedTest(name = "an account the step did not change is left alone")
    @CsvSource({ "10" })
    void onlyAccountsTheStepChangedAreLookedAt(long available) {
        Account a = Accounts.pool();
        Accounts.lot(a, LotKind.TOP_UP, null, available);
        a.autoTopUp = new Account.AutoTopUp(50, 100, 2, 0, null, true, 0);
        Postings postings = Accounts.postings();
        AutoTopUpPolicy.afterStep(postings, List.of(a), 20);
        assertEquals(List.of(), postings.requests());
    }
}
