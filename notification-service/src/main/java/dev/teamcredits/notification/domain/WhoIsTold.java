package dev.teamcredits.notification.domain;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.usage.UnusualUsage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who is told what about an event (the spec's "Notification service", the README's table): the
 * recipient of a transfer and the admin who made it, a member whose credits were taken, the other
 * admins of pool moves and of the sweep when a member leaves; low balance, pool empty, an expired
 * reservation, unusual usage, members added and removed; credits bought (the requester, the account's
 * owner and the org's admins), a top-up request declined or expired (the requester and the admins), an
 * operator's grant (the account's owner and the admins). A top-up request itself tells no one: its
 * requester just made it.
 */
public final class WhoIsTold {

    /** One notification to make: for whom, of which type, and what it says. */
    public record Notice(String userId, NotificationType type, String title, String body) {
    }

    /** The ledger's actor for its own moves (the sweep of a leaving member). */
    static final String SYSTEM_ACTOR = "system";
    static final String MEMBER_REMOVED_REASON = "member removed";
    /** Who the ledger names as the requester of a request an account's auto top-up made. */
    static final String AUTO_TOP_UP = "auto-top-up";

    private WhoIsTold() {
    }

    /** Whether telling about this event needs the org's members (admins, names) to be known here. */
    public static boolean needsOrg(DomainEvent event) {
        if (event instanceof PurchaseCompleted || event instanceof TopUpDeclined || event instanceof TopUpExpired
                || event instanceof OperatorGranted) {
            // An org's admins are told; a personal balance's events name everyone they tell.
            return event.orgId() != null;
        }
        return event instanceof TransferCompleted || event instanceof LowBalance || event instanceof PoolEmpty
                || event instanceof UnusualUsage || event instanceof ReservationReleased r && r.expired();
    }

    /** @param org the org as known here after the event's own membership change (may know no one) */
    public static List<Notice> about(DomainEvent event, OrgRoster org) {
        List<Notice> notices = new ArrayList<>();
        String orgName = org.name();
        if (event instanceof TransferCompleted e) {
            transfer(e, org, notices);
        } else if (event instanceof LowBalance e) {
            boolean pool = e.account().kind() == AccountRef.Kind.POOL;
            List<String> who = pool ? org.activeAdmins() : List.of(e.account().userId());
            for (String user : who) {
                notices.add(new Notice(user, NotificationType.LOW_BALANCE, NotificationTexts.lowBalanceTitle(orgName),
                        NotificationTexts.lowBalanceBody(pool, orgName, e.available(), e.threshold())));
            }
        } else if (event instanceof PoolEmpty) {
            for (String admin : org.activeAdmins()) {
                notices.add(new Notice(admin, NotificationType.POOL_EMPTY, NotificationTexts.poolEmptyTitle(orgName),
                        NotificationTexts.poolEmptyBody()));
            }
        } else if (event instanceof ReservationReleased e && e.expired()) {
            notices.add(new Notice(e.userId(), NotificationType.RESERVATION_EXPIRED,
                    NotificationTexts.reservationExpiredTitle(e.amount()),
                    NotificationTexts.reservationExpiredBody(e.amount(), orgName)));
        } else if (event instanceof UnusualUsage e) {
            String member = org.label(e.userId());
            for (String admin : org.activeAdmins()) {
                notices.add(new Notice(admin, NotificationType.UNUSUAL_USAGE,
                        NotificationTexts.unusualUsageTitle(member),
                        NotificationTexts.unusualUsageBody(member, e.credits(), orgName, e.day().toString(),
                                decimal(e.factor()), decimal(e.trailingAverage()), e.trailingDays())));
            }
        } else if (event instanceof PurchaseCompleted e) {
            purchase(e, org, notices);
        } else if (event instanceof TopUpDeclined e) {
            for (String user : requesterAndAdmins(e, e.requestedBy(), e.automatic(), org)) {
                notices.add(new Notice(user, NotificationType.TOP_UP_DECLINED,
                        NotificationTexts.topUpDeclinedTitle(e.amount()), NotificationTexts.topUpDeclinedBody(
                                request(e.requestedBy(), e.automatic(), user, org), e.amount(),
                                accountFor(e.account(), user, org), e.reason())));
            }
        } else if (event instanceof TopUpExpired e) {
            for (String user : requesterAndAdmins(e, e.requestedBy(), e.automatic(), org)) {
                notices.add(new Notice(user, NotificationType.TOP_UP_EXPIRED,
                        NotificationTexts.topUpExpiredTitle(e.amount()), NotificationTexts.topUpExpiredBody(
                                request(e.requestedBy(), e.automatic(), user, org), e.amount(),
                                accountFor(e.account(), user, org))));
            }
        } else if (event instanceof OperatorGranted e) {
            Set<String> told = new LinkedHashSet<>();
            owner(e.account()).ifPresent(told::add);
            told.addAll(admins(e, org));
            for (String user : told) {
                notices.add(new Notice(user, NotificationType.OPERATOR_GRANT,
                        NotificationTexts.operatorGrantTitle(e.amount()), NotificationTexts.operatorGrantBody(
                                e.amount(), accountFor(e.account(), user, org), e.reason(),
                                balanceAfter(e.after(), user))));
            }
        } else if (event instanceof MemberJoined e && e.invitationId() != null) {
            // The org's creator joins with the org itself: nothing to tell anyone.
            memberJoined(e, org, notices);
        } else if (event instanceof MemberRemoved e) {
            String member = org.label(e.userId());
            notices.add(new Notice(e.userId(), NotificationType.MEMBER_REMOVED, NotificationTexts.youLeftTitle(orgName),
                    NotificationTexts.youLeftBody(orgName)));
            for (String admin : org.activeAdmins()) {
                notices.add(new Notice(admin, NotificationType.MEMBER_REMOVED,
                        NotificationTexts.memberLeftTitle(member, orgName),
                        NotificationTexts.memberLeftBody(member, e.email(), orgName)));
            }
        }
        if (event instanceof LedgerEvent && event.orgId() != null) {
            // A former member reads nothing of the org any more (the ledger answers them 404), not even the
            // low balance its sweep of their account leaves: they were told of that when they left. (Their
            // personal balance is still theirs.)
            notices.removeIf(n -> org.member(n.userId()).filter(m -> !m.active()).isPresent());
        }
        return notices;
    }

    private static void memberJoined(MemberJoined e, OrgRoster org, List<Notice> notices) {
        String orgName = org.name();
        String member = e.displayName() != null ? e.displayName() : e.email();
        notices.add(new Notice(e.userId(), NotificationType.MEMBER_ADDED, NotificationTexts.youJoinedTitle(orgName),
                NotificationTexts.youJoinedBody(orgName, e.role().name())));
        for (String admin : org.activeAdmins()) {
            if (!admin.equals(e.userId())) {
                notices.add(new Notice(admin, NotificationType.MEMBER_ADDED,
                        NotificationTexts.memberJoinedTitle(member, orgName),
                        NotificationTexts.memberJoinedBody(member, e.email(), orgName, e.role().name())));
            }
        }
    }

    private static void transfer(TransferCompleted e, OrgRoster org, List<Notice> notices) {
        String orgName = org.name();
        boolean toPool = e.to().kind() == AccountRef.Kind.POOL;
        boolean fromPool = e.from().kind() == AccountRef.Kind.POOL;
        if (SYSTEM_ACTOR.equals(e.actor()) && MEMBER_REMOVED_REASON.equals(e.reason()) && toPool) {
            String member = org.label(e.from().userId());
            for (String admin : org.activeAdmins()) {
                notices.add(new Notice(admin, NotificationType.CREDITS_SWEPT,
                        NotificationTexts.creditsSweptTitle(e.amount()),
                        NotificationTexts.creditsSweptBody(member, e.amount(), orgName, balance(e.toAfter()))));
            }
            return;
        }
        String actor = e.actorName() != null ? e.actorName() : org.label(e.actor());
        String from = account(e.from(), org);
        String to = account(e.to(), org);
        Set<String> told = new LinkedHashSet<>();
        if (!toPool) {
            notices.add(new Notice(e.to().userId(), NotificationType.TRANSFER_RECEIVED,
                    NotificationTexts.transferReceivedTitle(e.amount()), NotificationTexts.transferReceivedBody(actor,
                            e.amount(), orgName, e.reason(), balance(e.toAfter()))));
            told.add(e.to().userId());
        }
        if (!fromPool && !e.from().userId().equals(e.actor())) {
            notices.add(new Notice(e.from().userId(), NotificationType.TRANSFER_DEDUCTED,
                    NotificationTexts.transferDeductedTitle(e.amount()), NotificationTexts.transferDeductedBody(actor,
                            e.amount(), to, orgName, e.reason(), balance(e.fromAfter()))));
            told.add(e.from().userId());
        }
        if (e.actor() != null && !told.contains(e.actor())) {
            notices.add(new Notice(e.actor(), NotificationType.TRANSFER_SENT,
                    NotificationTexts.transferSentTitle(e.amount()), NotificationTexts.transferSentBody(e.amount(),
                            from, to, orgName, e.reason(), balance(e.fromAfter()), balance(e.toAfter()))));
            told.add(e.actor());
        }
        if (toPool || fromPool) {
            long poolBalance = balance(toPool ? e.toAfter() : e.fromAfter());
            for (String admin : org.activeAdmins()) {
                if (told.add(admin)) {
                    notices.add(new Notice(admin, NotificationType.POOL_TRANSFER,
                            NotificationTexts.poolTransferTitle(e.amount(), toPool), NotificationTexts.poolTransferBody(
                                    actor, e.amount(), from, to, orgName, e.reason(), poolBalance)));
                }
            }
        }
    }

    /**
     * A purchase: the user who asked for it (a completed request), the account's owner (credits arriving in
     * someone's own balance are theirs to know of, as a transfer's recipient is) and the org's admins.
     */
    private static void purchase(PurchaseCompleted e, OrgRoster org, List<Notice> notices) {
        boolean requested = e.requestId() != null;
        Set<String> told = new LinkedHashSet<>();
        if (requested) {
            requester(e.requestedBy(), false).ifPresent(told::add);
        }
        owner(e.account()).ifPresent(told::add);
        told.addAll(admins(e, org));
        for (String user : told) {
            String account = accountFor(e.account(), user, org);
            String after = balanceAfter(e.after(), user);
            notices.add(requested
                    ? new Notice(user, NotificationType.TOP_UP_COMPLETED,
                            NotificationTexts.topUpCompletedTitle(e.amount()), NotificationTexts.topUpCompletedBody(
                                    request(e.requestedBy(), false, user, org), e.amount(), account,
                                    e.paymentReference(), after))
                    : new Notice(user, NotificationType.CREDITS_PURCHASED,
                            NotificationTexts.creditsPurchasedTitle(e.amount()),
                            NotificationTexts.creditsPurchasedBody(e.amount(), account, e.paymentReference(), after)));
        }
    }

    /** The requester (if a user asked: an auto top-up's request is nobody's in particular), then the admins. */
    private static Set<String> requesterAndAdmins(LedgerEvent event, String requestedBy, boolean automatic,
            OrgRoster org) {
        Set<String> told = new LinkedHashSet<>();
        requester(requestedBy, automatic).ifPresent(told::add);
        told.addAll(admins(event, org));
        return told;
    }

    /** The org's admins, for an event of an org; none for a personal balance's, whatever org it is read with. */
    private static List<String> admins(LedgerEvent event, OrgRoster org) {
        return event.orgId() == null ? List.of() : org.activeAdmins();
    }

    private static Optional<String> requester(String requestedBy, boolean automatic) {
        return automatic || requestedBy == null || requestedBy.isBlank() || AUTO_TOP_UP.equals(requestedBy)
                ? Optional.empty() : Optional.of(requestedBy);
    }

    /** The user whose own balance (a member balance or a personal one) the account is; none for the pool. */
    private static Optional<String> owner(AccountRef account) {
        return account.kind() == AccountRef.Kind.POOL ? Optional.empty() : Optional.ofNullable(account.userId());
    }

    /** How a text names who asked, as {@code reader} reads it. */
    private static String request(String requestedBy, boolean automatic, String reader, OrgRoster org) {
        if (automatic || AUTO_TOP_UP.equals(requestedBy)) {
            return NotificationTexts.autoTopUpRequest();
        }
        if (requestedBy == null || requestedBy.isBlank()) {
            return NotificationTexts.someRequest();
        }
        return reader.equals(requestedBy) ? NotificationTexts.yourRequest()
                : NotificationTexts.requestOf(org.label(requestedBy));
    }

    /** How a text names the account credits are for, as {@code reader} reads it. */
    private static String accountFor(AccountRef account, String reader, OrgRoster org) {
        boolean own = reader.equals(account.userId());
        return switch (account.kind()) {
            case POOL -> NotificationTexts.teamPool(org.name());
            case MEMBER -> own ? NotificationTexts.yourBalanceIn(org.name())
                    : NotificationTexts.balanceOf(org.label(account.userId()), org.name());
            case PERSONAL -> own ? NotificationTexts.yourPersonalBalance()
                    : NotificationTexts.personalBalanceOf(org.label(account.userId()));
        };
    }

    /** The balance after, stated only where the reader may read it: the pool's, or their own; never another's. */
    private static String balanceAfter(BalanceView after, String reader) {
        if (after == null || after.account() == null) {
            return "";
        }
        AccountRef account = after.account();
        if (account.kind() == AccountRef.Kind.POOL) {
            return NotificationTexts.poolNow(after.balance());
        }
        if (!reader.equals(account.userId())) {
            return "";
        }
        return account.kind() == AccountRef.Kind.MEMBER ? NotificationTexts.yourBalanceNow(after.balance())
                : NotificationTexts.yourPersonalBalanceNow(after.balance());
    }

    private static String account(AccountRef ref, OrgRoster org) {
        return ref.kind() == AccountRef.Kind.POOL ? NotificationTexts.pool() : org.label(ref.userId());
    }

    private static long balance(BalanceView view) {
        return view == null ? 0 : view.balance();
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
