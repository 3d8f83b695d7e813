package dev.teamcredits.usage.domain;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsRolledOver;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.TransferCompleted;
import java.util.OptionalLong;

/**
 * The pool card's total for a cycle counts the credits that entered the pool in it: the allocation
 * granted to the pool, credits bought for it (a purchase, whether it completes a top-up request or not)
 * and granted to it by an operator, credits rolled over in it, and transfers to it. Spends, expiries
 * and transfers out of the pool do not lower the total; a top-up request, its decline or its expiry
 * moves no credits, so it counts nothing. Events of member and personal balances count nothing (a
 * personal balance's have no org).
 */
public final class PoolInflow {

    private PoolInflow() {
    }

    /** The credits the event brings into the org's pool, or none when it brings none. */
    public static OptionalLong creditsIn(DomainEvent event) {
        if (event instanceof CreditsGranted e && isPool(e.account())) {
            return OptionalLong.of(e.amount());
        }
        if (event instanceof CreditsRolledOver e && isPool(e.account())) {
            return OptionalLong.of(e.amount());
        }
        if (event instanceof TransferCompleted e && isPool(e.to())) {
            return OptionalLong.of(e.amount());
        }
        if (event instanceof PurchaseCompleted e && isPool(e.account())) {
            return OptionalLong.of(e.amount());
        }
        if (event instanceof OperatorGranted e && isPool(e.account())) {
            return OptionalLong.of(e.amount());
        }
        return OptionalLong.empty();
    }

    private static boolean isPool(AccountRef account) {
        return account.kind() == AccountRef.Kind.POOL;
    }
}
