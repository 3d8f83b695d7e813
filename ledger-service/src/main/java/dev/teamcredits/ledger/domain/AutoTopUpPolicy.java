package dev.teamcredits.ledger.domain;

import java.util.ArrayList;
import java.util.Collection;

/**
 * Auto top-up: an account with a setting whose available credits a step brought below the threshold
 * is refilled once (top-up credits, never expiring), within its per-cycle limit; it re-arms when back
 * at or above the threshold. The setting belongs to the account, so a transfer never carries it
 * elsewhere, and a departing member's ends with the membership.
 */
public final class AutoTopUpPolicy {

    private AutoTopUpPolicy() {
    }

    /** Runs after a step for the accounts it changed; a refill is no further trigger within the step. */
    public static void afterStep(Postings postings, Collection<Account> accounts) {
        for (Account a : new ArrayList<>(accounts)) {
            Account.AutoTopUp auto = a.autoTopUp;
            if (!a.stepChanged || auto == null) {
                continue;
            }
            if (a.available() < auto.threshold) {
                if (auto.armed && auto.fired < auto.perCycleLimit) {
                    postings.grant(a, auto.amount, LotKind.TOP_UP, null, "AUTO_TOP_UP", "system");
                    auto.fired++;
                    // Back above the threshold, the next drop may fire again; still below, it waits.
                    auto.armed = a.available() >= auto.threshold;
                    auto.changed = true;
                }
            } else if (!auto.armed) {
                auto.armed = true;
                auto.changed = true;
            }
        }
    }

    /** A new cycle: every setting may fire its limit again. */
    public static void newCycle(Account account, java.time.LocalDate cycleStart) {
        if (account.autoTopUp != null) {
            account.autoTopUp.fired = 0;
            account.autoTopUp.cycleStart = cycleStart;
            account.autoTopUp.changed = true;
        }
    }
}
