package dev.teamcredits.ledger.domain;

import java.util.ArrayList;
import java.util.Collection;

/**
 * Auto top-up: an account with a setting whose available credits a step brought below the threshold makes
 * one top-up request (it never creates credits: the purchase that completes the request brings them), within
 * its per-cycle limit of requests; it makes no other until available is back at or above the threshold,
 * which re-arms it. The setting belongs to the account, so a transfer never carries it elsewhere, and a
 * departing member's ends with the membership.
 */
public final class AutoTopUpPolicy {

    private AutoTopUpPolicy() {
    }

    /** Who a request of the auto top-up is made by. */
    public static final String REQUESTER = "auto-top-up";

    /**
     * Runs after a step for the accounts it changed. An account that already has {@code maxOpenRequests} requests
     * awaiting payment makes none (the billing backend has enough to do for it): nothing is counted, and the
     * setting stays armed, so the next step below the threshold tries again.
     */
    public static void afterStep(Postings postings, Collection<Account> accounts, int maxOpenRequests) {
        for (Account a : new ArrayList<>(accounts)) {
            Account.AutoTopUp auto = a.autoTopUp;
            if (!a.stepChanged || auto == null) {
                continue;
            }
            if (a.available() < auto.threshold) {
                if (auto.armed && auto.fired < auto.perCycleLimit && auto.openRequests < maxOpenRequests) {
                    postings.requestTopUp(a.key, auto.amount, REQUESTER, true);
                    auto.fired++;
                    auto.openRequests++;
                    // Still below the threshold: the next request waits until available has risen to it again.
                    auto.armed = false;
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
