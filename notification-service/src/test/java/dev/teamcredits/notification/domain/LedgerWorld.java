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
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.notification.domain.OrgRoster.Member;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * One org's day as the ledger and the team service publish it, generated from random intents: transfers
 * pool↔member and member↔member, spends along the waterfall (pool with access, member balance, personal),
 * holds created, captured, released and expired, buying credits (top-up requests by an admin for the pool
 * or a member balance, by an account's auto top-up, by a user for their personal balance, also someone of
 * another org; paid, late paid after expiring, declined or expired; purchases without a request) and
 * operators' grants into the pool, member and personal balances, free personal credits, cycle closes with
 * expiry and rollover, departures with their sweep, and the low-balance and pool-empty alerts those cause.
 * A small running model of balances keeps the numbers plausible; spends and holds carry the pool's numbers
 * whatever they drew from, as the ledger publishes them. Used by the visibility property (the pure rule) and the end-to-end stream test (real Kafka and
 * SSE), so both see the same kinds of days.
 */
public final class LedgerWorld {

    /**
     * What may happen next, with how often: money moves most, an org closes a cycle or loses a member now
     * and then. Who and how much are picked among the people present when it is applied.
     */
    public enum Op {
        POOL_TO_MEMBER(4), MEMBER_TO_POOL(2), MEMBER_TO_MEMBER(3), SPEND(5), HOLD(3), CAPTURE(2), RELEASE(1),
        EXPIRE(1), REQUEST(2), AUTO_REQUEST(1), PERSONAL_REQUEST(1), PAY(2), DECLINE(2), EXPIRE_REQUEST(2),
        PURCHASE(1), OPERATOR_GRANT(1), FREE_CREDITS(1), CYCLE_CLOSE(1), DEPART(1);

        public final int weight;

        Op(int weight) {
            this.weight = weight;
        }
    }

    public record Intent(Op op, int who, int other, long amount) {

        /** A random intent: an op as often as its weight says, anyone, 1 to 300 credits. */
        public static Intent random(Random random) {
            int pick = random.nextInt(Arrays.stream(Op.values()).mapToInt(op -> op.weight).sum());
            Op op = Op.values()[0];
            for (Op candidate : Op.values()) {
                op = candidate;
                pick -= candidate.weight;
                if (pick < 0) {
                    break;
                }
            }
            return new Intent(op, random.nextInt(100), random.nextInt(100), 1 + random.nextInt(300));
        }
    }

    /** Someone in the org at the start of the day. */
    public record Person(String userId, String name, boolean admin, boolean poolAccess) {
    }

    /** What happened, in order. */
    public sealed interface Step {
    }

    /** A ledger event, and the org as the notification service knows it when the event arrives. */
    public record Happened(LedgerEvent event, OrgRoster roster) implements Step {
    }

    /** A member left (team.events' member.removed); the ledger's release of their holds and sweep follow. */
    public record Left(String userId) implements Step {
    }

    public static final long LOW = 50;
    static final String BACKEND = "scraper-backend";
    static final String BILLING = "billing-backend";
    static final String OPERATOR = "ops-console";
    static final String AUTO_TOP_UP = "auto-top-up";

    private final UUID orgId;
    private final List<Person> people;
    private final String outsider;
    private final Set<String> gone = new LinkedHashSet<>();
    private final Map<AccountRef, long[]> accounts = new HashMap<>();
    private final List<Hold> holds = new ArrayList<>();
    /** Top-up requests not settled yet: open, or expired (a payment may still complete those). */
    private final List<Request> requests = new ArrayList<>();
    private Instant clock = Instant.parse("2026-12-01T09:00:00Z");
    private LocalDate cycleStart = LocalDate.of(2026, 12, 1);
    private int reasons;
    private int payments;

    private record Hold(UUID id, String userId, Map<AccountRef, Long> parts) {

        long total() {
            return parts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A top-up request; {@code expired} once its time ran out unpaid. */
    private static final class Request {
        final UUID id = UUID.randomUUID();
        final UUID orgId;
        final AccountRef account;
        final long amount;
        final String requestedBy;
        final boolean automatic;
        boolean expired;

        Request(UUID orgId, AccountRef account, long amount, String requestedBy, boolean automatic) {
            this.orgId = orgId;
            this.account = account;
            this.amount = amount;
            this.requestedBy = requestedBy;
            this.automatic = automatic;
        }
    }

    /**
     * @param people   the org's members; the first is an admin who never leaves (an org always has one)
     * @param outsider a user of another org: may get personal credits, nothing of this org
     */
    public LedgerWorld(UUID orgId, List<Person> people, String outsider, long poolCredits) {
        if (people.isEmpty() || !people.get(0).admin()) {
            throw new IllegalArgumentException("the first person must be an admin");
        }
        this.orgId = orgId;
        this.people = List.copyOf(people);
        this.outsider = outsider;
        account(AccountRef.pool())[0] = poolCredits;
    }

    public UUID orgId() {
        return orgId;
    }

    public List<Person> people() {
        return people;
    }

    public String outsider() {
        return outsider;
    }

    /** Everyone who could open a stream: the org's people, present or gone, and the outsider. */
    public List<String> everyone() {
        List<String> all = new ArrayList<>(people.stream().map(Person::userId).toList());
        all.add(outsider);
        return all;
    }

    /** The org as the notification service's copy of team.events describes it now. */
    public OrgRoster roster() {
        return new OrgRoster(orgId, "Acme Research", people.stream().map(p -> new Member(p.userId(),
                p.userId() + "@acme.example", p.name(), p.admin() ? "ADMIN" : "MEMBER", !gone.contains(p.userId())))
                .toList());
    }

    /** Applies an intent; what the ledger and team service publish for it (nothing if it cannot happen). */
    public List<Step> apply(Intent intent) {
        List<Step> steps = new ArrayList<>();
        List<Person> present = people.stream().filter(p -> !gone.contains(p.userId())).toList();
        Person who = present.get(Math.floorMod(intent.who(), present.size()));
        Person other = present.get(Math.floorMod(intent.other(), present.size()));
        clock = clock.plusSeconds(7);
        Map<AccountRef, Long> before = availableNow();
        List<LedgerEvent> events = new ArrayList<>();
        switch (intent.op()) {
            case POOL_TO_MEMBER -> transfer(AccountRef.pool(), member(who), intent.amount(), events);
            case MEMBER_TO_POOL -> transfer(member(who), AccountRef.pool(), intent.amount(), events);
            case MEMBER_TO_MEMBER -> {
                if (!who.equals(other)) {
                    transfer(member(who), member(other), intent.amount(), events);
                }
            }
            case SPEND -> spend(who, intent.amount(), intent.other() % 2 == 0 ? who.userId() : BACKEND, null, events);
            case HOLD -> hold(who, intent.amount(), events);
            case CAPTURE -> capture(intent, events);
            case RELEASE, EXPIRE -> {
                if (!holds.isEmpty()) {
                    release(holds.get(Math.floorMod(intent.who(), holds.size())), intent.op() == Op.EXPIRE, events);
                }
            }
            case REQUEST -> {
                // An admin asks for the pool or a member balance.
                List<Person> admins = present.stream().filter(Person::admin).toList();
                Person admin = admins.get(Math.floorMod(intent.other() / 2, admins.size()));
                request(orgId, intent.other() % 2 == 0 ? AccountRef.pool() : member(who), intent.amount(),
                        admin.userId(), false, events);
            }
            case AUTO_REQUEST -> request(orgId, intent.other() % 2 == 0 ? AccountRef.pool() : member(who),
                    intent.amount(), AUTO_TOP_UP, true, events);
            case PERSONAL_REQUEST -> {
                String user = intent.other() % 3 == 0 ? outsider : who.userId();
                request(null, AccountRef.personal(user), intent.amount(), user, false, events);
            }
            case PAY -> {
                if (!requests.isEmpty()) {
                    pay(requests.get(Math.floorMod(intent.other(), requests.size())), events);
                }
            }
            case DECLINE, EXPIRE_REQUEST -> {
                List<Request> open = requests.stream().filter(r -> !r.expired).toList();
                if (!open.isEmpty()) {
                    settle(open.get(Math.floorMod(intent.other(), open.size())), intent.op() == Op.DECLINE, events);
                }
            }
            case PURCHASE -> {
                AccountRef to = anyAccount(who, intent.other());
                credit(to, intent.amount());
                events.add(new PurchaseCompleted(orgOf(to), UUID.randomUUID(), UUID.randomUUID(), null, to,
                        intent.amount(), "pay_" + ++payments, intent.amount() * 100, "EUR", null, view(to), BILLING,
                        clock));
            }
            case OPERATOR_GRANT -> {
                AccountRef to = anyAccount(who, intent.other());
                credit(to, intent.amount());
                events.add(new OperatorGranted(orgOf(to), UUID.randomUUID(), to, intent.amount(),
                        "reason " + ++reasons + ": goodwill after an outage", view(to), OPERATOR, clock));
            }
            case FREE_CREDITS -> {
                String user = intent.other() % 3 == 0 ? outsider : who.userId();
                AccountRef personal = AccountRef.personal(user);
                account(personal)[0] += intent.amount();
                events.add(new CreditsGranted(null, UUID.randomUUID(), personal, intent.amount(), "FREE", "FREE", null,
                        view(personal), "system", clock));
            }
            case CYCLE_CLOSE -> closeCycle(who, intent.amount(), events);
            case DEPART -> {
                // The first admin stays, and so does someone beside them, so the day keeps a team.
                if (!who.equals(people.get(0)) && present.size() > 2) {
                    gone.add(who.userId());
                    steps.add(new Left(who.userId()));
                    for (Hold hold : List.copyOf(holds)) {
                        if (hold.userId().equals(who.userId())) {
                            release(hold, false, events);
                        }
                    }
                    long balance = account(member(who))[0];
                    if (balance > 0) {
                        move(member(who), AccountRef.pool(), balance);
                        events.add(new TransferCompleted(orgId, UUID.randomUUID(), member(who), AccountRef.pool(),
                                balance, "member removed", "system", "Team Credits", null, view(member(who)),
                                view(AccountRef.pool()), clock));
                    }
                }
            }
            default -> throw new IllegalStateException(intent.op().toString());
        }
        if (!events.isEmpty()) {
            alerts(before, events);
        }
        OrgRoster roster = roster();
        events.forEach(e -> steps.add(new Happened(e, roster)));
        return steps;
    }

    private void transfer(AccountRef from, AccountRef to, long wanted, List<LedgerEvent> events) {
        long amount = Math.min(wanted, available(from));
        if (amount == 0) {
            return;
        }
        move(from, to, amount);
        String reason = "reason " + ++reasons + ": private bonus";
        events.add(new TransferCompleted(orgId, UUID.randomUUID(), from, to, amount, reason, admin(), "Ada", null,
                view(from), view(to), clock));
    }

    /** The waterfall: the pool (with access), the member balance, then the personal balance. */
    private Map<AccountRef, Long> waterfall(Person who, long amount) {
        Map<AccountRef, Long> parts = new LinkedHashMap<>();
        long left = amount;
        List<AccountRef> sources = new ArrayList<>();
        if (who.poolAccess()) {
            sources.add(AccountRef.pool());
        }
        sources.add(member(who));
        sources.add(AccountRef.personal(who.userId()));
        for (AccountRef source : sources) {
            long part = Math.min(left, available(source));
            if (part > 0) {
                parts.put(source, part);
                left -= part;
            }
        }
        return left == 0 ? parts : null;
    }

    private void spend(Person who, long amount, String actor, UUID reservationId, List<LedgerEvent> events) {
        Map<AccountRef, Long> parts = waterfall(who, amount);
        if (parts == null) {
            return;
        }
        parts.forEach((account, part) -> account(account)[0] -= part);
        events.add(spent(who.userId(), amount, parts, actor, reservationId));
    }

    private CreditsSpent spent(String userId, long amount, Map<AccountRef, Long> parts, String actor,
            UUID reservationId) {
        return new CreditsSpent(orgId, UUID.randomUUID(), userId, "PAGE_SCRAPE", amount, amount, sources(parts),
                cycleStart, reservationId, actor, view(AccountRef.pool()), clock);
    }

    private void hold(Person who, long amount, List<LedgerEvent> events) {
        Map<AccountRef, Long> parts = waterfall(who, amount);
        if (parts == null) {
            return;
        }
        parts.forEach((account, part) -> account(account)[1] += part);
        Hold hold = new Hold(UUID.randomUUID(), who.userId(), parts);
        holds.add(hold);
        events.add(new ReservationCreated(orgId, hold.id(), who.userId(), "EMAIL_FIND", amount, sources(parts),
                clock.plusSeconds(300), who.userId(), view(AccountRef.pool()), clock));
    }

    private void capture(Intent intent, List<LedgerEvent> events) {
        if (holds.isEmpty()) {
            return;
        }
        Hold hold = holds.remove(Math.floorMod(intent.who(), holds.size()));
        long captured = 1 + Math.floorMod(intent.amount(), hold.total());
        Map<AccountRef, Long> charged = new LinkedHashMap<>();
        long left = captured;
        for (Map.Entry<AccountRef, Long> part : hold.parts().entrySet()) {
            long[] account = account(part.getKey());
            account[1] -= part.getValue();
            long take = Math.min(left, part.getValue());
            if (take > 0) {
                account[0] -= take;
                charged.put(part.getKey(), take);
                left -= take;
            }
        }
        UUID tx = UUID.randomUUID();
        events.add(new ReservationCaptured(orgId, hold.id(), hold.userId(), hold.total(), captured, tx,
                view(AccountRef.pool()), clock));
        events.add(spent(hold.userId(), captured, charged, hold.userId(), hold.id()));
    }

    private void release(Hold hold, boolean expired, List<LedgerEvent> events) {
        holds.remove(hold);
        hold.parts().forEach((account, part) -> account(account)[1] -= part);
        events.add(new ReservationReleased(orgId, hold.id(), hold.userId(), hold.total(), expired,
                view(AccountRef.pool()), clock));
    }

    private void request(UUID org, AccountRef account, long amount, String requestedBy, boolean automatic,
            List<LedgerEvent> events) {
        Request request = new Request(org, account, amount, requestedBy, automatic);
        requests.add(request);
        events.add(new TopUpRequested(org, request.id, account, amount, requestedBy, automatic,
                clock.plusSeconds(86400), clock));
    }

    /** The billing backend's purchase completes the request, even after it expired (the payment was taken). */
    private void pay(Request request, List<LedgerEvent> events) {
        if (isFormerMember(request.account)) {
            return; // the ledger refuses credits for someone who left (member-inactive)
        }
        requests.remove(request);
        credit(request.account, request.amount);
        events.add(new PurchaseCompleted(request.orgId, UUID.randomUUID(), UUID.randomUUID(), request.id,
                request.account, request.amount, "pay_" + ++payments, null, null, request.requestedBy,
                view(request.account), BILLING, clock));
    }

    private void settle(Request request, boolean declined, List<LedgerEvent> events) {
        if (declined) {
            requests.remove(request);
            events.add(new TopUpDeclined(request.orgId, request.id, request.account, request.amount,
                    "reason " + ++reasons + ": card refused", request.requestedBy, request.automatic, BILLING,
                    clock));
        } else {
            request.expired = true;
            events.add(new TopUpExpired(request.orgId, request.id, request.account, request.amount,
                    request.requestedBy, request.automatic, clock));
        }
    }

    /** The pool, a present member's balance or a personal one (also of someone of another org), by {@code pick}. */
    private AccountRef anyAccount(Person who, int pick) {
        return switch (pick % 4) {
            case 0 -> AccountRef.pool();
            case 1 -> member(who);
            case 2 -> AccountRef.personal(who.userId());
            default -> AccountRef.personal(outsider);
        };
    }

    private void credit(AccountRef to, long amount) {
        account(to)[0] += amount;
    }

    private UUID orgOf(AccountRef account) {
        return account.kind() == AccountRef.Kind.PERSONAL ? null : orgId;
    }

    private boolean isFormerMember(AccountRef account) {
        return account.kind() == AccountRef.Kind.MEMBER && gone.contains(account.userId());
    }

    /** Unused subscription credits of the pool (and of a member they were moved to) expire or roll over. */
    private void closeCycle(Person who, long amount, List<LedgerEvent> events) {
        AccountRef pool = AccountRef.pool();
        Instant nextStart = cycleStart.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long expired = Math.min(amount, available(pool));
        if (expired > 0) {
            account(pool)[0] -= expired;
            events.add(new CreditsExpired(orgId, UUID.randomUUID(), pool, expired, "SUBSCRIPTION", view(pool), clock));
        }
        long rolled = Math.min(amount / 2, available(pool));
        if (rolled > 0) {
            events.add(new CreditsRolledOver(orgId, UUID.randomUUID(), pool, rolled,
                    nextStart.plusSeconds(31L * 86400), clock));
        }
        long memberExpired = Math.min(amount / 3, available(member(who)));
        if (memberExpired > 0) {
            account(member(who))[0] -= memberExpired;
            events.add(new CreditsExpired(orgId, UUID.randomUUID(), member(who), memberExpired, "SUBSCRIPTION",
                    view(member(who)), clock));
            events.add(new CreditsRolledOver(orgId, UUID.randomUUID(), member(who), memberExpired,
                    nextStart.plusSeconds(31L * 86400), clock));
        }
        account(pool)[0] += 1000;
        LocalDate closed = cycleStart;
        cycleStart = cycleStart.plusMonths(1);
        events.add(new CreditsGranted(orgId, UUID.randomUUID(), pool, 1000, "SUBSCRIPTION", "SUBSCRIPTION",
                nextStart.plusSeconds(31L * 86400), view(pool), "system", clock));
        events.add(new CycleClosed(orgId, closed, cycleStart, cycleStart.plusMonths(1), 1000, clock));
    }

    /** Low balance when an org account's available crosses below {@link #LOW}; pool empty when it reaches 0. */
    private void alerts(Map<AccountRef, Long> before, List<LedgerEvent> events) {
        availableNow().forEach((account, now) -> {
            long was = before.getOrDefault(account, 0L);
            if (account.kind() != AccountRef.Kind.PERSONAL && was >= LOW && now < LOW) {
                events.add(new LowBalance(orgId, account, now, LOW, clock));
            }
            if (account.kind() == AccountRef.Kind.POOL && was > 0 && now == 0) {
                events.add(new PoolEmpty(orgId, clock));
            }
        });
    }

    private Map<AccountRef, Long> availableNow() {
        Map<AccountRef, Long> now = new HashMap<>();
        accounts.forEach((account, numbers) -> now.put(account, numbers[0] - numbers[1]));
        return now;
    }

    private void move(AccountRef from, AccountRef to, long amount) {
        account(from)[0] -= amount;
        account(to)[0] += amount;
    }

    private long[] account(AccountRef ref) {
        return accounts.computeIfAbsent(ref, r -> new long[2]);
    }

    private long available(AccountRef ref) {
        long[] numbers = account(ref);
        return numbers[0] - numbers[1];
    }

    private BalanceView view(AccountRef ref) {
        long[] numbers = account(ref);
        return new BalanceView(ref, numbers[0], numbers[1], numbers[0] - numbers[1]);
    }

    private static List<SourceAmount> sources(Map<AccountRef, Long> parts) {
        return parts.entrySet().stream().map(e -> new SourceAmount(e.getKey(), e.getValue())).toList();
    }

    private static AccountRef member(Person person) {
        return AccountRef.member(person.userId());
    }

    private String admin() {
        return people.get(0).userId();
    }
}
