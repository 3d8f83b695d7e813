package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoTopUpPolicyTest {

    /** available after the step, threshold, amount, limit, fired, armed → refilled?, armed after, fired after. */
    @ParameterizedTest(name = "available {0}, threshold {1}, +{2}, fired {4}/{3}, armed {5} → {6}")
    @CsvSource({
            "40, 50, 100, 2, 0, true, refilled armed 1",
            "40, 50, 5, 2, 0, true, refilled waiting 1",
            "40, 50, 100, 2, 2, true, nothing armed 2",
            "40, 50, 100, 2, 0, false, nothing waiting 0",
            "60, 50, 100, 2, 1, false, nothing armed 1",
            "60, 50, 100, 2, 1, true, nothing armed 1" })
    void refillsOncePerDropWithinThePerCycleLimit(long available, long threshold, long amount, int limit, int fired,
            boolean armed, String expected) {
        Account a = Accounts.pool();
        Accounts.lot(a, LotKind.TOP_UP, null, available);
        a.autoTopUp = new Account.AutoTopUp(threshold, amount, limit, fired, null, armed);
        a.stepChanged = true;
        AutoTopUpPolicy.afterStep(Accounts.postings(), List.of(a));
        String refilled = a.balance > available ? "refilled" : "nothing";
        assertEquals(expected, refilled + " " + (a.autoTopUp.armed ? "armed" : "waiting") + " " + a.autoTopUp.fired);
    }

    @ParameterizedTest(name = "an account the step did not change is left alone")
    @CsvSource({ "10" })
    void onlyAccountsTheStepChangedAreLookedAt(long available) {
        Account a = Accounts.pool();
        Accounts.lot(a, LotKind.TOP_UP, null, available);
        a.autoTopUp = new Account.AutoTopUp(50, 100, 2, 0, null, true);
        AutoTopUpPolicy.afterStep(Accounts.postings(), List.of(a));
        assertEquals(available, a.balance);
    }
}
