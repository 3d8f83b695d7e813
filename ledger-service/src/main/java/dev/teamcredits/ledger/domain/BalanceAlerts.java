package dev.teamcredits.ledger.domain;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.PoolEmpty;
import java.util.Collection;

/**
 * Low balance when an org account's available credits cross below the threshold in a transaction;
 * pool empty when the pool reaches zero. Events only: they tell people, they move nothing.
 */
public final class BalanceAlerts {

    private BalanceAlerts() {
    }

    public static void raise(Postings postings, Collection<Account> accounts, long threshold) {
        for (Account a : accounts) {
            if (!a.changed || a.kind == AccountRef.Kind.PERSONAL) {
                continue;
            }
            if (a.availableAtLock >= threshold && a.available() < threshold) {
                postings.emit(new LowBalance(a.orgId, a.asRef(), a.available(), threshold, postings.now));
            }
            if (a.kind == AccountRef.Kind.POOL && a.availableAtLock > 0 && a.available() == 0) {
                postings.emit(new PoolEmpty(a.orgId, postings.now));
            }
        }
    }
}
