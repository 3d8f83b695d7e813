package dev.teamcredits.ledger.domain;

import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsRolledOver;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a cycle close does to one account and to the pool: roll over or expire what ends, and the
 * recurring allocation a member gets from the pool. The close itself (locks, order, the new
 * allocation, moving the cycle) is {@code CycleService}'s.
 */
public final class CycleClosing {

    private CycleClosing() {
    }

    /**
     * On a rollover plan, the account's SUBSCRIPTION credits of the closing cycle, held or not, become
     * one ROLLOVER lot ending at {@code nextBoundary}. Credits already past expiry (kept by an earlier
     * close for a hold) never roll, and a ROLLOVER lot never rolls again. Returns how many rolled.
     */
    public static long rollOver(Postings postings, Account account, Instant boundary, Instant nextBoundary) {
        List<Postings.Portion> portions = account.lots.stream()
                .filter(l -> l.kind == LotKind.SUBSCRIPTION && l.expiresAt != null && !account.isClosedOver(l)
                        && !l.expiresAt.isAfter(boundary))
                .map(l -> new Postings.Portion(l, l.remaining)).toList();
        long rolled = portions.stream().mapToLong(Postings.Portion::amount).sum();
        if (rolled > 0) {
            Postings.Tx tx = postings.begin(TransactionType.ROLLOVER, account.orgId, rolled, "system", "rollover", null,
                    Map.of("account", account.asRef()));
            postings.rollOver(tx, account, portions, nextBoundary);
            postings.emit(new CreditsRolledOver(account.orgId, tx.id(), account.asRef(), rolled, nextBoundary,
                    postings.now));
        }
        return rolled;
    }

    /**
     * Expires the account's credits ending by {@code boundary}, except what open holds need: holds are
     * backed by the credits that stay valid first, and the kept ones are the first in burn order.
     */
    public static void expire(Postings postings, Account account, Instant boundary) {
        List<Lot> ending = account.lots.stream().filter(l -> l.expiresAt != null && !l.expiresAt.isAfter(boundary))
                .toList();
        long endingTotal = ending.stream().mapToLong(l -> l.remaining).sum();
        long keep = Math.max(0, account.reserved - (account.balance - endingTotal));
        long expired = endingTotal - Math.min(keep, endingTotal);
        if (expired == 0) {
            return;
        }
        Postings.Tx tx = postings.begin(TransactionType.EXPIRY, account.orgId, expired, "system", "expired", null,
                Map.of("account", account.asRef()));
        for (Lot lot : ending) {
            long kept = Math.min(keep, lot.remaining);
            keep -= kept;
            if (lot.remaining > kept) {
                postings.expire(tx, account, lot, lot.remaining - kept);
            }
        }
        postings.emit(new CreditsExpired(account.orgId, tx.id(), account.asRef(), expired, "SUBSCRIPTION/ROLLOVER",
                account.view(), postings.now));
    }

    /** After the close, the account's credits are judged against the new cycle. */
    public static void startCycle(Account account, Instant boundary, Instant now) {
        account.closedBefore = boundary;
        account.validAfter = now.isAfter(boundary) ? now : boundary;
        account.cycleIn = 0;
        account.changed = true; // written even when nothing was posted: its cycle counters start again
    }

    /** A recurring allocation's mode: top the member balance up to an amount, or add an amount. */
    public enum Mode {
        TOP_UP_TO, ADD
    }

    /**
     * Recurring allocation at cycle start: a transfer from the pool (not reversible), as far as the
     * pool's available credits go.
     */
    public static void allocate(Postings postings, Account pool, Account member, Mode mode, long amount) {
        long wanted = mode == Mode.TOP_UP_TO ? Math.max(0, amount - member.available()) : amount;
        long moved = Math.min(wanted, pool.available());
        if (moved > 0) {
            postings.transfer(pool, member, moved, "recurring allocation", null, "system", "Team Credits", false);
        }
    }
}
