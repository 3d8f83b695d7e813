package dev.teamcredits.notification.service;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.usage.UnusualUsage;
import dev.teamcredits.notification.repository.MembershipRepository.Org;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Decides who is told what about an event: the rules of "Notification service" in the spec. */
@ApplicationScoped
public class Recipients {

    /** One notification to make: for whom, of which type, and what it says. */
    public record Planned(String userId, NotificationType type, String title, String body) {
    }

    /** The ledger's actor for its own moves (the sweep of a leaving member). */
    static final String SYSTEM_ACTOR = "system";
    static final String MEMBER_REMOVED_REASON = "member removed";

    private final Texts texts;

    public Recipients(Texts texts) {
        this.texts = texts;
    }

    /** Whether telling about this event needs the org's members (admins, names) to be known here. */
    public boolean needsOrg(DomainEvent event) {
        return event instanceof TransferCompleted || event instanceof LowBalance || event instanceof PoolEmpty
                || event instanceof UnusualUsage || event instanceof ReservationReleased r && r.expired();
    }

    /** @param org the org as known here after the event's own membership change (never null: may be empty) */
    public List<Planned> plan(DomainEvent event, Org org) {
        List<Planned> plans = new ArrayList<>();
        String orgName = org.name();
        if (event instanceof TransferCompleted e) {
            transfer(e, org, plans);
        } else if (event instanceof LowBalance e) {
            boolean pool = e.account().kind() == AccountRef.Kind.POOL;
            List<String> who = pool ? org.activeAdmins() : List.of(e.account().userId());
            for (String user : who) {
                plans.add(new Planned(user, NotificationType.LOW_BALANCE, texts.lowBalanceTitle(orgName),
                        texts.lowBalanceBody(pool, orgName, e.available(), e.threshold())));
            }
        } else if (event instanceof PoolEmpty) {
            for (String admin : org.activeAdmins()) {
                plans.add(new Planned(admin, NotificationType.POOL_EMPTY, texts.poolEmptyTitle(orgName),
                        texts.poolEmptyBody()));
            }
        } else if (event instanceof ReservationReleased e && e.expired()) {
            plans.add(new Planned(e.userId(), NotificationType.RESERVATION_EXPIRED,
                    texts.reservationExpiredTitle(e.amount()), texts.reservationExpiredBody(e.amount(), orgName)));
        } else if (event instanceof UnusualUsage e) {
            String member = org.label(e.userId());
            for (String admin : org.activeAdmins()) {
                plans.add(new Planned(admin, NotificationType.UNUSUAL_USAGE, texts.unusualUsageTitle(member),
                        texts.unusualUsageBody(member, e.credits(), orgName, e.day().toString(),
                                decimal(e.factor()), decimal(e.trailingAverage()), e.trailingDays())));
            }
        } else if (event instanceof MemberJoined e && e.invitationId() != null) {
            // The org's creator joins with the org itself: nothing to tell anyone.
            String member = e.displayName() != null ? e.displayName() : e.email();
            plans.add(new Planned(e.userId(), NotificationType.MEMBER_ADDED, texts.youJoinedTitle(orgName),
                    texts.youJoinedBody(orgName, e.role().name())));
            for (String admin : org.activeAdmins()) {
                if (!admin.equals(e.userId())) {
                    plans.add(new Planned(admin, NotificationType.MEMBER_ADDED, texts.memberJoinedTitle(member, orgName),
                            texts.memberJoinedBody(member, e.email(), orgName, e.role().name())));
                }
            }
        } else if (event instanceof MemberRemoved e) {
            String member = org.label(e.userId());
            plans.add(new Planned(e.userId(), NotificationType.MEMBER_REMOVED, texts.youLeftTitle(orgName),
                    texts.youLeftBody(orgName)));
            for (String admin : org.activeAdmins()) {
                plans.add(new Planned(admin, NotificationType.MEMBER_REMOVED, texts.memberLeftTitle(member, orgName),
                        texts.memberLeftBody(member, e.email(), orgName)));
            }
        }
        return plans;
    }

    private void transfer(TransferCompleted e, Org org, List<Planned> plans) {
        String orgName = org.name();
        boolean toPool = e.to().kind() == AccountRef.Kind.POOL;
        boolean fromPool = e.from().kind() == AccountRef.Kind.POOL;
        if (SYSTEM_ACTOR.equals(e.actor()) && MEMBER_REMOVED_REASON.equals(e.reason()) && toPool) {
            String member = org.label(e.from().userId());
            for (String admin : org.activeAdmins()) {
                plans.add(new Planned(admin, NotificationType.CREDITS_SWEPT, texts.creditsSweptTitle(e.amount()),
                        texts.creditsSweptBody(member, e.amount(), orgName, balance(e.toAfter()))));
            }
            return;
        }
        String actor = e.actorName() != null ? e.actorName() : org.label(e.actor());
        String from = account(e.from(), org);
        String to = account(e.to(), org);
        Set<String> told = new LinkedHashSet<>();
        if (!toPool) {
            plans.add(new Planned(e.to().userId(), NotificationType.TRANSFER_RECEIVED,
                    texts.transferReceivedTitle(e.amount()),
                    texts.transferReceivedBody(actor, e.amount(), orgName, e.reason(), balance(e.toAfter()))));
            told.add(e.to().userId());
        }
        if (!fromPool && !e.from().userId().equals(e.actor())) {
            plans.add(new Planned(e.from().userId(), NotificationType.TRANSFER_DEDUCTED,
                    texts.transferDeductedTitle(e.amount()),
                    texts.transferDeductedBody(actor, e.amount(), to, orgName, e.reason(), balance(e.fromAfter()))));
            told.add(e.from().userId());
        }
        if (e.actor() != null && !told.contains(e.actor())) {
            plans.add(new Planned(e.actor(), NotificationType.TRANSFER_SENT, texts.transferSentTitle(e.amount()),
                    texts.transferSentBody(e.amount(), from, to, orgName, e.reason(), balance(e.fromAfter()),
                            balance(e.toAfter()))));
            told.add(e.actor());
        }
        if (toPool || fromPool) {
            long poolBalance = balance(toPool ? e.toAfter() : e.fromAfter());
            for (String admin : org.activeAdmins()) {
                if (told.add(admin)) {
                    plans.add(new Planned(admin, NotificationType.POOL_TRANSFER,
                            texts.poolTransferTitle(e.amount(), toPool),
                            texts.poolTransferBody(actor, e.amount(), from, to, orgName, e.reason(), poolBalance)));
                }
            }
        }
    }

    private String account(AccountRef ref, Org org) {
        return ref.kind() == AccountRef.Kind.POOL ? texts.pool() : org.label(ref.userId());
    }

    private static long balance(BalanceView view) {
        return view == null ? 0 : view.balance();
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
