package dev.teamcredits.notification.domain;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsRolledOver;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.ReservationCaptured;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.notification.domain.OrgRoster.Member;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What each person's live stream shows of a ledger event: exactly what the ledger's REST lets them
 * read, no more (the README's "Who sees which ledger change"). Roles and membership are this service's
 * copy of team.events ({@link OrgRoster}), never token claims.
 * <ul>
 * <li>An active admin of the org: every event of it, whole.</li>
 * <li>An active member: the events that are theirs, whole but for other members' balances (a transfer
 * to or from their balance, a spend or hold they were charged, a grant, expiry, rollover or low balance
 * of their balance, a top-up request for their balance and its purchase, decline or expiry, an
 * operator's grant to it); the cycle closing (its dates and allocation are on the org's page); and of any
 * other change that carries the pool's numbers, only those ({@link PoolBalance}: a purchase or an
 * operator's grant into the pool). Not the amount, reason, actor or members of a transaction that is not
 * theirs, not the pool's requests, declines and expiries (they move no credits), and not the pool's alerts
 * (low, empty: for the admins, and their numbers were already in the change that caused them).</li>
 * <li>A user: the events of their personal balance (they belong to no org).</li>
 * <li>Anyone else, former members included: nothing.</li>
 * </ul>
 * Each event type is ruled explicitly; a type added to the ledger later is shown to admins only until
 * it is ruled here.
 */
public final class WhoSeesLedgerChanges {

    /** One view of an event and the users shown it. */
    public record Shown(List<String> users, LedgerView view) {
    }

    private WhoSeesLedgerChanges() {
    }

    /** Who is shown what of the event, one entry per distinct view; empty if no one is shown anything. */
    public static List<Shown> of(LedgerEvent event, OrgRoster org) {
        List<String> audience = event.orgId() == null ? personalOwner(event).stream().toList() : org.activeMembers();
        Map<LedgerView, List<String>> views = new LinkedHashMap<>();
        for (String user : audience) {
            viewFor(event, org, user).ifPresent(view -> views.computeIfAbsent(view, v -> new ArrayList<>()).add(user));
        }
        return views.entrySet().stream().map(e -> new Shown(List.copyOf(e.getValue()), e.getKey())).toList();
    }

    /** What {@code userId}'s stream shows of the event; empty for nothing. */
    public static Optional<LedgerView> viewFor(LedgerEvent event, OrgRoster org, String userId) {
        if (event.orgId() == null) {
            return personalOwner(event).filter(userId::equals).map(owner -> LedgerView.of(event));
        }
        Optional<Member> member = org.member(userId).filter(Member::active);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        return member.get().isActiveAdmin() ? Optional.of(LedgerView.of(event)) : asMember(event, userId);
    }

    /**
     * The data of a notification about the event for {@code userId} ({@link WhoIsTold} chose them): what
     * their stream shows of it; if this service does not know them as a member yet (the org's team events
     * are behind), what a member reads of it; the whole event only if even that is nothing, which is the
     * admin who made a transfer, whose notification's text states its numbers anyway.
     */
    public static LedgerView told(LedgerEvent event, OrgRoster org, String userId) {
        return viewFor(event, org, userId).or(() -> asMember(event, userId)).orElseGet(() -> LedgerView.of(event));
    }

    /** What a member who is not an admin reads of an event of their org. */
    private static Optional<LedgerView> asMember(LedgerEvent event, String user) {
        if (event instanceof TransferCompleted e) {
            if (isOwn(e.from(), user) || isOwn(e.to(), user)) {
                // The transfer is in their history; the other member's balance is not theirs to read.
                return whole(new TransferCompleted(e.orgId(), e.transactionId(), e.from(), e.to(), e.amount(),
                        e.reason(), e.actor(), e.actorName(), e.reversalOf(), readable(e.fromAfter(), user),
                        readable(e.toAfter(), user), e.at()));
            }
            return pool(e.orgId(), isPool(e.fromAfter()) ? e.fromAfter() : e.toAfter(), e.at());
        }
        if (event instanceof CreditsSpent e) {
            return user.equals(e.userId()) ? whole(e) : pool(e.orgId(), e.poolAfter(), e.at());
        }
        if (event instanceof ReservationCreated e) {
            return user.equals(e.userId()) ? whole(e) : pool(e.orgId(), e.poolAfter(), e.at());
        }
        if (event instanceof ReservationCaptured e) {
            return user.equals(e.userId()) ? whole(e) : pool(e.orgId(), e.poolAfter(), e.at());
        }
        if (event instanceof ReservationReleased e) {
            return user.equals(e.userId()) ? whole(e) : pool(e.orgId(), e.poolAfter(), e.at());
        }
        if (event instanceof CreditsGranted e) {
            return isOwn(e.account(), user) ? whole(e) : pool(e.orgId(), e.after(), e.at());
        }
        if (event instanceof CreditsExpired e) {
            return isOwn(e.account(), user) ? whole(e) : pool(e.orgId(), e.after(), e.at());
        }
        if (event instanceof CreditsRolledOver e) {
            // Credits change kind, not number: nothing for the pool's card.
            return isOwn(e.account(), user) ? whole(e) : Optional.empty();
        }
        if (event instanceof LowBalance e) {
            return isOwn(e.account(), user) ? whole(e) : Optional.empty();
        }
        if (event instanceof CycleClosed e) {
            return whole(e);
        }
        if (event instanceof PoolEmpty) {
            // The pool's alerts are for the admins; the change that emptied it showed the numbers.
            return Optional.empty();
        }
        if (event instanceof PurchaseCompleted e) {
            return isOwn(e.account(), user) ? whole(e) : pool(e.orgId(), e.after(), e.at());
        }
        if (event instanceof OperatorGranted e) {
            return isOwn(e.account(), user) ? whole(e) : pool(e.orgId(), e.after(), e.at());
        }
        // A request, its decline or its expiry moves no credits: nothing for the pool's card.
        if (event instanceof TopUpRequested e) {
            return isOwn(e.account(), user) ? whole(e) : Optional.empty();
        }
        if (event instanceof TopUpDeclined e) {
            return isOwn(e.account(), user) ? whole(e) : Optional.empty();
        }
        if (event instanceof TopUpExpired e) {
            return isOwn(e.account(), user) ? whole(e) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The owner of the personal balance an event outside any org is about. */
    private static Optional<String> personalOwner(LedgerEvent event) {
        AccountRef account = event instanceof CreditsGranted e ? e.account()
                : event instanceof CreditsExpired e ? e.account()
                : event instanceof CreditsRolledOver e ? e.account()
                : event instanceof LowBalance e ? e.account()
                : event instanceof TopUpRequested e ? e.account()
                : event instanceof PurchaseCompleted e ? e.account()
                : event instanceof TopUpDeclined e ? e.account()
                : event instanceof TopUpExpired e ? e.account()
                : event instanceof OperatorGranted e ? e.account() : null;
        return account != null && account.kind() == AccountRef.Kind.PERSONAL ? Optional.ofNullable(account.userId())
                : Optional.empty();
    }

    private static Optional<LedgerView> whole(LedgerEvent event) {
        return Optional.of(LedgerView.of(event));
    }

    /** Only the pool's numbers after the change, if the event carries them. */
    private static Optional<LedgerView> pool(UUID orgId, BalanceView after, Instant at) {
        return isPool(after) ? Optional.of(LedgerView.of(new PoolBalance(orgId, after, at))) : Optional.empty();
    }

    private static boolean isOwn(AccountRef account, String user) {
        return account != null && account.kind() != AccountRef.Kind.POOL && user.equals(account.userId());
    }

    private static boolean isPool(BalanceView view) {
        return view != null && view.account() != null && view.account().kind() == AccountRef.Kind.POOL;
    }

    /** A balance the member may read (the pool's or their own); null otherwise. */
    private static BalanceView readable(BalanceView view, String user) {
        return view == null || isPool(view) || isOwn(view.account(), user) ? view : null;
    }
}
