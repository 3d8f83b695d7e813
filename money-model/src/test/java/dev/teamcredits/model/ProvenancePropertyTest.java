package dev.teamcredits.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of buying credits (requests completed, declined or expired, purchases with and without a request,
 * the same payment recorded again or with another amount or account, operator grants, auto top-up requests) among
 * spends, holds, transfers, closes and departures. After every step: every credit the model holds came from an
 * allocation, free credits, a purchase or a grant that an answer announced (so an auto top-up, a replay or a refusal
 * never creates one), none is lost (balances + spent + expired = created, for the org and for each personal balance),
 * and requests and purchases stay consistent with each other.
 */
class ProvenancePropertyTest {

    private static final int MAX_OPEN = 2;
    private static final long FREE = 10;
    private static final long ALLOCATION = 100;
    private static final int MAX_AUTO_LIMIT = 3;
    private static final ModelConfig CONFIG = new ModelConfig(ModelConfig.DEFAULT_PRICES, FREE, 3600, MAX_OPEN);
    private static final Who ADMIN = Who.user("admin");
    private static final Who BILLING = Who.billing("billing");
    private static final Who BILLING_2 = Who.billing("billing2");
    private static final List<String> MEMBERS = List.of("u1", "u2", "u3");
    /** u4 never joins: a member balance of someone never a member, and a personal balance opened by a purchase. */
    private static final List<String> USERS = List.of("admin", "u1", "u2", "u3", "u4");
    private static final List<String> ORG_ACCOUNTS = List.of("pool", "admin", "u1", "u2", "u3");

    enum Kind {
        SPEND, RESERVE, CAPTURE, RELEASE, EXPIRE_HOLD, TRANSFER, CLOSE, PLAN, JOIN, LEAVE, AUTO_TOP_UP,
        NO_AUTO_TOP_UP, REQUEST, COMPLETE, DECLINE, EXPIRE, BUY, BUY_AGAIN, GRANT, RETRY
    }

    /** A step as numbers; what it means is decided against the model when it runs (as the ledger's Step does). */
    record Move(Kind kind, int a, int b, long n) {

        Op resolve(MoneyModel m, List<Op> earlier, String key) {
            return switch (kind) {
                case SPEND -> b % 3 == 0
                        ? new Op.Spend(Who.backend("b"), key, pick(USERS, a), "PAGE_SCRAPE", 1 + n % 60, null)
                        : new Op.Spend(Who.user(pick(USERS, a)), key, null, "PAGE_SCRAPE", 1 + n % 60, null);
                case RESERVE -> new Op.Reserve(Who.user(pick(USERS, a)), key, null, null, null, 1 + n % 40, 60);
                case CAPTURE -> {
                    var open = active(m);
                    yield open.isEmpty() ? null : new Op.Capture(pick(open, a).holder(), key, pick(open, a).id(),
                            1 + n % pick(open, a).amount());
                }
                case RELEASE -> {
                    var open = active(m);
                    yield open.isEmpty() ? null : new Op.Release(pick(open, a).holder(), key, pick(open, a).id());
                }
                case EXPIRE_HOLD -> {
                    var open = active(m);
                    yield open.isEmpty() ? null : new Op.ExpireReservation(pick(open, a).id());
                }
                case TRANSFER -> new Op.Transfer(ADMIN, key, pick(ORG_ACCOUNTS, a), pick(ORG_ACCOUNTS, b), 1 + n % 80,
                        null);
                case CLOSE -> new Op.CloseCycle(Who.operator(), key);
                case PLAN -> new Op.ChangePlan(a % 3 * ALLOCATION, b % 2 == 0);
                case JOIN -> m.activeMembers().contains(pick(MEMBERS, a)) ? null
                        : new Op.Join(pick(MEMBERS, a), b % 5 == 4 ? Op.Role.ADMIN : Op.Role.MEMBER, b % 2 == 0, null);
                case LEAVE -> {
                    var active = MEMBERS.stream().filter(m.activeMembers()::contains).toList();
                    yield active.isEmpty() ? null : new Op.Leave(pick(active, a));
                }
                case AUTO_TOP_UP -> new Op.SetAutoTopUp(ADMIN, pick(ORG_ACCOUNTS, a), 1 + n % 100, 1 + n % 70,
                        1 + b % MAX_AUTO_LIMIT);
                case NO_AUTO_TOP_UP -> new Op.DeleteAutoTopUp(ADMIN, pick(ORG_ACCOUNTS, a));
                // Mostly the pool and two personal balances, so that accounts reach their limit of open requests.
                case REQUEST -> switch (b % 8) {
                    case 0, 1 -> new Op.RequestTopUp(Who.user(pick(USERS, a % 2)), key, "personal", 1 + n % 100);
                    case 2 -> new Op.RequestTopUp(Who.user(pick(MEMBERS, a)), key, "pool", 1 + n % 100);
                    case 3 -> new Op.RequestTopUp(Who.backend("b"), key, "personal", 1 + n % 100);
                    case 4 -> new Op.RequestTopUp(ADMIN, key, pick(ORG_ACCOUNTS, a), 1 + n % 100);
                    default -> new Op.RequestTopUp(ADMIN, key, "pool", 1 + n % 100);
                };
                case COMPLETE -> {
                    var requests = m.topUpRequests();
                    var payable = requests.stream().filter(r -> MoneyModel.AWAITING_PAYMENT.equals(r.status())
                            || MoneyModel.EXPIRED.equals(r.status())).toList();
                    if (b % 9 == 8) {
                        yield new Op.RecordPurchase(BILLING, key, "pay-" + key, null, 1 + n % 100, "Q99", null, null);
                    }
                    if (requests.isEmpty()) {
                        yield null;
                    }
                    var r = payable.isEmpty() || b % 6 == 5 ? pick(requests, a) : pick(payable, a);
                    yield new Op.RecordPurchase(b % 2 == 0 ? BILLING : BILLING_2, key, "pay-" + key,
                            b % 3 == 0 ? r.account().name() : null, b % 7 == 6 ? r.amount() + 1 : r.amount(), r.id(),
                            b % 4 == 0 ? r.amount() * 10 : null, b % 4 == 0 ? "EUR" : null);
                }
                case DECLINE -> {
                    var requests = m.topUpRequests();
                    if (requests.isEmpty() && b % 9 != 8) {
                        yield null;
                    }
                    yield new Op.DeclineTopUp(BILLING, key, b % 9 == 8 ? "Q99" : pick(requests, a).id(),
                            b % 11 == 10 ? "" : "card declined");
                }
                case EXPIRE -> m.topUpRequests().isEmpty() ? null
                        : new Op.ExpireTopUp(pick(m.topUpRequests(), a).id());
                case BUY -> new Op.RecordPurchase(b % 13 == 12 ? ADMIN : BILLING, key, "pay-" + key, account(a, b),
                        1 + n % 100, null, null, null);
                case BUY_AGAIN -> {
                    var purchases = m.purchases();
                    if (purchases.isEmpty()) {
                        yield null;
                    }
                    var p = pick(purchases, a);
                    yield new Op.RecordPurchase(b % 2 == 0 ? BILLING : BILLING_2, key, p.paymentReference(),
                            b % 3 == 0 ? account(a, b) : p.account().name(), b % 5 == 4 ? p.amount() + 1 : p.amount(),
                            null, null, null);
                }
                case GRANT -> new Op.OperatorGrant(b % 11 == 10 ? ADMIN : Who.operator(), key, account(a, b),
                        1 + n % 100, b % 7 == 6 ? " " : "goodwill");
                case RETRY -> earlier.isEmpty() ? null : b % 3 == 0 ? otherBody(pick(earlier, a)) : pick(earlier, a);
            };
        }

        /** Where a purchase or grant goes: the pool, a member balance (maybe of a former or never member), personal. */
        private static String account(int a, int b) {
            return switch (b % 3) {
                case 0 -> "pool";
                case 1 -> pick(USERS, a);
                default -> Acct.personal(pick(USERS, a)).name();
            };
        }

        private static List<MoneyModel.ReservationInfo> active(MoneyModel m) {
            return m.reservations().stream().filter(r -> "ACTIVE".equals(r.status())).toList();
        }

        private static Op otherBody(Op op) {
            if (op instanceof Op.RecordPurchase o) {
                return new Op.RecordPurchase(o.caller(), o.key(), o.paymentReference(), o.account(), o.amount() + 1,
                        o.requestId(), o.price(), o.currency());
            }
            if (op instanceof Op.RequestTopUp o) {
                return new Op.RequestTopUp(o.caller(), o.key(), o.account(), o.amount() + 1);
            }
            if (op instanceof Op.OperatorGrant o) {
                return new Op.OperatorGrant(o.caller(), o.key(), o.account(), o.amount() + 1, o.reason());
            }
            return op;
        }

        private static <T> T pick(List<T> list, long choice) {
            return list.get((int) (Math.abs(choice) % list.size()));
        }
    }

    @Property(tries = 400)
    void everyCreditCameFromAnAllocationFreeCreditsAPurchaseOrAGrantAndNoneIsLost(@ForAll boolean rollover,
            @ForAll boolean fallback, @ForAll("moves") List<Move> moves) {
        MoneyModel m = new MoneyModel(CONFIG, LocalDate.of(2024, 1, 31), ALLOCATION, rollover, fallback);
        Tally announced = new Tally();
        announced.add(Acct.pool(), Origin.ALLOCATION, ALLOCATION);
        m.apply(new Op.Join("admin", Op.Role.ADMIN, true, null));
        m.apply(new Op.Join("u1", Op.Role.MEMBER, true, null));
        m.apply(new Op.Join("u2", Op.Role.MEMBER, false, null));
        announced.opened(m);
        List<Op> earlier = new ArrayList<>();
        Map<String, Integer> automaticPerCycle = new HashMap<>();
        for (Move move : moves) {
            Op op = move.resolve(m, earlier, "k" + earlier.size());
            if (op == null) {
                continue;
            }
            MoneyModel before = m.copy();
            String snapshot = Fixture.snapshot(m);
            Answer answer = m.apply(op);
            String context = op + " -> " + answer + "\n" + m;
            label(op, answer, before, m, earlier);
            if (answer instanceof Answer.Refused || answer instanceof Answer.Replayed) {
                assertEquals(snapshot, Fixture.snapshot(m), "a refusal or replay changed something\n" + context);
            }
            if (isIdempotent(op)) {
                earlier.add(op);
            }
            announced.record(answer);
            announced.opened(m);
            assertProvenance(m, announced, context);
            assertConservation(m, context);
            assertPurchasesAndRequests(before, m, automaticPerCycle, context);
        }
        Statistics.label("outcomes").coverage(coverage -> {
            for (String expected : COVERED) {
                coverage.check(expected).count(c -> c > 0);
            }
        });
    }

    /** Every case of buying credits must come up in a run; a generator that misses one tests nothing of it. */
    private static final List<String> COVERED = List.of("RecordPurchase completed a request awaiting-payment",
            "RecordPurchase completed a request expired", "RecordPurchase Purchased",
            "RecordPurchase payment reference replayed", "RecordPurchase key replayed",
            "RecordPurchase payment-reference-conflict", "RecordPurchase top-up-request-mismatch",
            "RecordPurchase top-up-request-settled", "RecordPurchase top-up-request-not-found",
            "RecordPurchase member-inactive", "RecordPurchase member-not-found",
            "RecordPurchase billing-client-required", "RecordPurchase idempotency-key-reused",
            "RequestTopUp Requested", "RequestTopUp too-many-open-top-up-requests", "RequestTopUp admin-required",
            "RequestTopUp user-token-required", "DeclineTopUp Requested", "DeclineTopUp top-up-request-settled",
            "ExpireTopUp Requested", "ExpireTopUp Noted", "OperatorGrant Granted", "OperatorGrant validation-failed",
            "OperatorGrant operator-required", "OperatorGrant member-inactive", "automatic request", "Leave Noted");

    /** What the answers said was created, by account and origin; free credits when a personal balance opened. */
    private static final class Tally {

        final Map<Acct, Provenance> created = new HashMap<>();
        final Set<String> opened = new HashSet<>();

        void add(Acct acct, Origin origin, long amount) {
            created.merge(acct, Provenance.NONE.plus(origin, amount), Provenance::plus);
        }

        void record(Answer answer) {
            if (answer instanceof Answer.Purchased p) {
                add(p.balance().account(), Origin.PURCHASE, p.amount());
            } else if (answer instanceof Answer.Granted g) {
                add(g.balance().account(), Origin.GRANT, g.amount());
            } else if (answer instanceof Answer.Closed c) {
                add(Acct.pool(), Origin.ALLOCATION, c.granted());
            }
        }

        void opened(MoneyModel m) {
            for (String user : m.personalOpened()) {
                if (opened.add(user)) {
                    add(Acct.personal(user), Origin.FREE, FREE);
                }
            }
        }

        Provenance of(Acct acct) {
            return created.getOrDefault(acct, Provenance.NONE);
        }
    }

    private static Set<Acct> accounts(MoneyModel m) {
        Set<Acct> accounts = new LinkedHashSet<>(List.of(Acct.pool()));
        USERS.forEach(user -> accounts.add(Acct.member(user)));
        USERS.forEach(user -> accounts.add(Acct.personal(user)));
        return accounts;
    }

    /** created = allocations + free + purchases + grants, account by account, and each as the answers announced. */
    private static void assertProvenance(MoneyModel m, Tally announced, String context) {
        Provenance total = Provenance.NONE;
        for (Acct acct : accounts(m)) {
            Provenance created = m.created(acct);
            assertEquals(announced.of(acct), created, "credits created in " + acct + "\n" + context);
            assertEquals(0, created.existing(), context);
            assertEquals(created.allocations() + created.free() + created.purchases() + created.grants(),
                    created.total(), context);
            assertTrue(acct.kind() == Acct.Kind.POOL || created.allocations() == 0, "allocations go to the pool");
            assertTrue(acct.kind() == Acct.Kind.PERSONAL || created.free() == 0, "free credits go to personal");
            total = total.plus(created);
        }
        assertEquals(total, m.created(), "credits created outside the accounts looked at\n" + context);
    }

    /**
     * Account by account: created + transferred in − transferred out = balance + spent + expired (transfers,
     * reversals, sweeps and recurring allocations are the only moves, and never touch a personal balance).
     */
    private static void assertConservation(MoneyModel m, String context) {
        Map<Acct, Long> moved = new HashMap<>();
        for (MoneyModel.TransferInfo t : m.transfers()) {
            moved.merge(Acct.named(t.from()), -t.amount(), Long::sum);
            moved.merge(Acct.named(t.to()), t.amount(), Long::sum);
        }
        for (Acct acct : accounts(m)) {
            assertEquals(m.created(acct).total() + moved.getOrDefault(acct, 0L),
                    m.state(acct).balance() + m.spent(acct) + m.expired(acct),
                    acct + ": created + moved in = balance + spent + expired\n" + context);
        }
    }

    private static void assertPurchasesAndRequests(MoneyModel before, MoneyModel m,
            Map<String, Integer> automaticPerCycle, String context) {
        Map<String, MoneyModel.TopUpRequestInfo> requests = new HashMap<>();
        m.topUpRequests().forEach(r -> requests.put(r.id(), r));
        Map<Acct, Long> purchased = new HashMap<>();
        Set<String> references = new HashSet<>();
        for (MoneyModel.PurchaseInfo p : m.purchases()) {
            assertTrue(references.add(p.paymentReference()), "one purchase per payment reference\n" + context);
            purchased.merge(p.account(), p.amount(), Long::sum);
            if (p.requestId() != null) {
                MoneyModel.TopUpRequestInfo r = requests.get(p.requestId());
                assertEquals(List.of(MoneyModel.COMPLETED, p.id(), p.account(), p.amount(), p.paymentReference()),
                        List.of(r.status(), r.purchaseId(), r.account(), r.amount(), r.paymentReference()),
                        "the request a purchase completed\n" + context);
            }
        }
        Map<Acct, Long> granted = new HashMap<>();
        m.grants().forEach(g -> granted.merge(g.account(), g.amount(), Long::sum));
        for (Acct acct : accounts(m)) {
            assertEquals(purchased.getOrDefault(acct, 0L), m.created(acct).purchases(), acct + "\n" + context);
            assertEquals(granted.getOrDefault(acct, 0L), m.created(acct).grants(), acct + "\n" + context);
            long open = m.topUpRequests().stream().filter(r -> r.account().equals(acct)
                    && MoneyModel.AWAITING_PAYMENT.equals(r.status())).count();
            assertTrue(open <= MAX_OPEN, "open requests of " + acct + "\n" + context);
        }
        Map<String, MoneyModel.TopUpRequestInfo> earlier = new HashMap<>();
        before.topUpRequests().forEach(r -> earlier.put(r.id(), r));
        for (MoneyModel.TopUpRequestInfo r : m.topUpRequests()) {
            assertEquals(MoneyModel.COMPLETED.equals(r.status()), r.purchaseId() != null, context);
            assertEquals(MoneyModel.DECLINED.equals(r.status()), r.declineReason() != null, context);
            assertEquals(r.automatic(), MoneyModel.AUTO_TOP_UP.equals(r.requestedBy()), context);
            if (r.automatic()) {
                assertTrue(r.account().kind() != Acct.Kind.PERSONAL, "no auto top-up of a personal balance");
            }
            MoneyModel.TopUpRequestInfo was = earlier.get(r.id());
            if (was == null) {
                assertEquals(MoneyModel.AWAITING_PAYMENT, r.status(), "a request is made awaiting payment\n" + context);
                if (r.automatic()) {
                    int made = automaticPerCycle.merge(r.account() + "@" + m.cycle(), 1, Integer::sum);
                    assertTrue(made <= MAX_AUTO_LIMIT, "automatic requests of " + r.account() + " in a cycle");
                }
            } else if (!was.status().equals(r.status())) {
                boolean settles = MoneyModel.AWAITING_PAYMENT.equals(was.status())
                        || MoneyModel.EXPIRED.equals(was.status()) && MoneyModel.COMPLETED.equals(r.status());
                assertTrue(settles, "request " + r.id() + " from " + was.status() + " to " + r.status() + "\n"
                        + context);
                assertEquals(List.of(was.account(), was.amount(), was.requestedBy()),
                        List.of(r.account(), r.amount(), r.requestedBy()), context);
            } else {
                assertEquals(was, r, "a request changed without a new status\n" + context);
            }
        }
        assertTrue(requests.keySet().containsAll(earlier.keySet()), "a request disappeared\n" + context);
        assertEquals(before.purchases(), m.purchases().subList(0, before.purchases().size()), "purchases are final");
        assertEquals(before.grants(), m.grants().subList(0, before.grants().size()), "grants are final");
    }

    private static boolean isIdempotent(Op op) {
        return op instanceof Op.RecordPurchase || op instanceof Op.RequestTopUp || op instanceof Op.OperatorGrant
                || op instanceof Op.DeclineTopUp || op instanceof Op.Spend || op instanceof Op.Transfer;
    }

    /** What a step amounted to, for the coverage checks. */
    private static void label(Op op, Answer answer, MoneyModel before, MoneyModel after, List<Op> earlier) {
        String outcome = answer instanceof Answer.Refused r ? r.type() : answer.getClass().getSimpleName();
        if (op instanceof Op.RecordPurchase o && answer instanceof Answer.Purchased p && p.requestId() != null) {
            String was = before.topUpRequests().stream().filter(r -> r.id().equals(o.requestId())).findFirst()
                    .orElseThrow().status();
            outcome = "completed a request " + was;
        } else if (op instanceof Op.RecordPurchase o && answer instanceof Answer.Replayed) {
            boolean keyUsed = earlier.stream().anyMatch(e -> e instanceof Op.RecordPurchase p
                    && p.caller().equals(o.caller()) && p.key().equals(o.key()));
            outcome = keyUsed ? "key replayed" : "payment reference replayed";
        }
        Statistics.label("outcomes").collect(op.getClass().getSimpleName() + " " + outcome);
        long automatic = after.topUpRequests().stream().filter(MoneyModel.TopUpRequestInfo::automatic).count()
                - before.topUpRequests().stream().filter(MoneyModel.TopUpRequestInfo::automatic).count();
        if (automatic > 0) {
            Statistics.label("outcomes").collect("automatic request");
        }
    }

    @Provide
    Arbitrary<List<Move>> moves() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(Kind.SPEND)), Tuple.of(3, Arbitraries.just(Kind.RESERVE)),
                Tuple.of(2, Arbitraries.just(Kind.CAPTURE)), Tuple.of(1, Arbitraries.just(Kind.RELEASE)),
                Tuple.of(1, Arbitraries.just(Kind.EXPIRE_HOLD)), Tuple.of(3, Arbitraries.just(Kind.TRANSFER)),
                Tuple.of(2, Arbitraries.just(Kind.CLOSE)), Tuple.of(1, Arbitraries.just(Kind.PLAN)),
                Tuple.of(3, Arbitraries.just(Kind.JOIN)), Tuple.of(2, Arbitraries.just(Kind.LEAVE)),
                Tuple.of(3, Arbitraries.just(Kind.AUTO_TOP_UP)), Tuple.of(1, Arbitraries.just(Kind.NO_AUTO_TOP_UP)),
                Tuple.of(5, Arbitraries.just(Kind.REQUEST)), Tuple.of(5, Arbitraries.just(Kind.COMPLETE)),
                Tuple.of(2, Arbitraries.just(Kind.DECLINE)), Tuple.of(2, Arbitraries.just(Kind.EXPIRE)),
                Tuple.of(4, Arbitraries.just(Kind.BUY)), Tuple.of(3, Arbitraries.just(Kind.BUY_AGAIN)),
                Tuple.of(3, Arbitraries.just(Kind.GRANT)), Tuple.of(2, Arbitraries.just(Kind.RETRY)));
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, 30);
        return Combinators.combine(kinds, choice, choice, Arbitraries.longs().between(0, 300)).as(Move::new).list()
                .ofMinSize(10).ofMaxSize(80);
    }
}
