package dev.teamcredits.ledger.model;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.model.Acct;
import dev.teamcredits.model.MoneyModel;
import dev.teamcredits.model.Op;
import dev.teamcredits.model.Who;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * A generated step, as plain numbers: what they mean (which member, which reservation, how much)
 * is decided when the step runs, against the model's state at that point. So every step of a
 * shrunk sequence still makes sense, and shrinking only ever makes numbers and sequences smaller.
 */
public record Step(Kind kind, int a, int b, int c, long n) {

    public enum Kind {
        SPEND, BACKEND_SPEND, RESERVE, CAPTURE, RELEASE, TRANSFER, PREVIEW, REVERSE, REQUEST_TOP_UP, COMPLETE, BUY,
        BUY_AGAIN, DECLINE, EXPIRE_TOP_UP, GRANT, CLOSE, RETRY, REUSE_KEY, AUTO_TOP_UP, NO_AUTO_TOP_UP, RECURRING,
        NO_RECURRING, JOIN, LEAVE, POOL_ACCESS, POOL_CAP, ROLE, FALLBACK, PLAN
    }

    private static final List<String> ACTIONS = List.of("PAGE_SCRAPE", "ENRICHMENT", "EMAIL_FINDING", "PAGE_SCRAPE",
            "EXPORT", "ENRICHMENT", "TAG", "SAVE_ROW", "NOTE");
    private static final List<String> MEMBERS = List.of("u1", "u2", "u3");
    private static final List<Long> ALLOCATIONS = List.of(0L, 50L, 100L, 200L, 500L);
    static final Who BILLING = Who.billing("billing");
    /** Another billing client: a payment reference is one purchase whoever records it. */
    static final Who BILLING_2 = Who.billing("billing2");
    private static final List<Who> SERVICES = List.of(Who.backend("backend"), Who.operator(), BILLING);
    private static final List<Who> NOT_BILLING = List.of(Who.user(ModelRun.ADMIN), Who.backend("backend"),
            Who.operator());

    static Arbitrary<ModelRun.Setup> setups() {
        return Combinators.combine(Arbitraries.of(Plan.PRO, Plan.PRO_PLUS, Plan.ENTERPRISE),
                Arbitraries.of(ALLOCATIONS),
                Arbitraries.of(true, false)).as((plan, allocation, fallback) -> new ModelRun.Setup(plan,
                        plan == Plan.PRO && allocation == 0 ? 100 : allocation, plan != Plan.PRO, fallback));
    }

    public static Arbitrary<List<Step>> sequences(int maxSteps) {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(22, Arbitraries.just(Kind.SPEND)), Tuple.of(8, Arbitraries.just(Kind.BACKEND_SPEND)),
                Tuple.of(9, Arbitraries.just(Kind.RESERVE)), Tuple.of(6, Arbitraries.just(Kind.CAPTURE)),
                Tuple.of(4, Arbitraries.just(Kind.RELEASE)), Tuple.of(10, Arbitraries.just(Kind.TRANSFER)),
                Tuple.of(2, Arbitraries.just(Kind.PREVIEW)), Tuple.of(4, Arbitraries.just(Kind.REVERSE)),
                Tuple.of(3, Arbitraries.just(Kind.REQUEST_TOP_UP)), Tuple.of(3, Arbitraries.just(Kind.COMPLETE)),
                Tuple.of(3, Arbitraries.just(Kind.BUY)), Tuple.of(2, Arbitraries.just(Kind.BUY_AGAIN)),
                Tuple.of(2, Arbitraries.just(Kind.DECLINE)), Tuple.of(1, Arbitraries.just(Kind.EXPIRE_TOP_UP)),
                Tuple.of(2, Arbitraries.just(Kind.GRANT)),
                Tuple.of(4, Arbitraries.just(Kind.CLOSE)), Tuple.of(3, Arbitraries.just(Kind.RETRY)),
                Tuple.of(1, Arbitraries.just(Kind.REUSE_KEY)), Tuple.of(3, Arbitraries.just(Kind.AUTO_TOP_UP)),
                Tuple.of(1, Arbitraries.just(Kind.NO_AUTO_TOP_UP)), Tuple.of(2, Arbitraries.just(Kind.RECURRING)),
                Tuple.of(1, Arbitraries.just(Kind.NO_RECURRING)), Tuple.of(6, Arbitraries.just(Kind.JOIN)),
                Tuple.of(2, Arbitraries.just(Kind.LEAVE)), Tuple.of(2, Arbitraries.just(Kind.POOL_ACCESS)),
                Tuple.of(2, Arbitraries.just(Kind.POOL_CAP)), Tuple.of(1, Arbitraries.just(Kind.ROLE)),
                Tuple.of(2, Arbitraries.just(Kind.FALLBACK)), Tuple.of(1, Arbitraries.just(Kind.PLAN)));
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, 11);
        Arbitrary<Long> number = Arbitraries.longs().between(0, 400);
        // Uniform lengths: jqwik's default favours short lists, and the interesting states need many steps.
        return Combinators.combine(kinds, choice, choice, choice, number).as(Step::new).list().ofMaxSize(maxSteps)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    /** What this step means now, or null when it means nothing (say, a capture with no reservation open). */
    public Op resolve(ModelRun run, String key) {
        MoneyModel m = run.model;
        List<String> users = ModelRun.USERS;
        Who admin = Who.user(ModelRun.ADMIN);
        return switch (kind) {
            case SPEND -> {
                String who = pick(users, a);
                String action = pick(ACTIONS, b);
                yield new Op.Spend(Who.user(who), key, c % 5 == 4 ? who : null, action, 1 + n % 60,
                        resultValid(action));
            }
            case BACKEND_SPEND -> {
                String action = pick(ACTIONS, b);
                yield new Op.Spend(backend(a), key, c % 7 == 6 ? null : pick(users, c), action, 1 + n % 60,
                        resultValid(action));
            }
            case RESERVE -> {
                boolean byBackend = a % 3 == 0;
                String member = pick(users, b);
                Who caller = byBackend ? backend(c) : Who.user(member);
                String userId = byBackend ? member : null;
                long ttl = n % 7 == 6 ? ModelRun.SHORT_TTL_SECONDS : 3600;
                yield c % 2 == 0 ? new Op.Reserve(caller, key, userId, null, null, 1 + n % 80, ttl)
                        : new Op.Reserve(caller, key, userId, pick(ACTIONS, b + c), 1 + n % 10, null, ttl);
            }
            case CAPTURE -> {
                var open = openReservations(run);
                if (open.isEmpty()) {
                    yield null;
                }
                var r = pick(open, a);
                yield new Op.Capture(b % 6 < 4 ? r.holder() : stranger(b, r.member()), key, r.id(),
                        1 + n % (r.amount() + 1));
            }
            case RELEASE -> {
                var open = openReservations(run);
                if (open.isEmpty()) {
                    yield null;
                }
                var r = pick(open, a);
                Who caller = switch (b % 6) {
                    case 0, 1, 2 -> r.holder();
                    case 3 -> admin;
                    default -> stranger(b, r.member());
                };
                yield new Op.Release(caller, key, r.id());
            }
            case TRANSFER -> new Op.Transfer(c % 10 == 9 ? Who.user("u1") : admin, key, endpoint(a), endpoint(b),
                    1 + n % 120, c % 2 == 0 ? "model" : null);
            case PREVIEW -> new Op.Preview(admin, endpoint(a), endpoint(b), 1 + n % 120, null);
            case REVERSE -> {
                List<String> ids = new ArrayList<>(m.transfers().stream().map(MoneyModel.TransferInfo::id).toList());
                ids.add("T999");
                yield new Op.Reverse(admin, key, pick(ids, a), c % 3 == 0 ? null : 1 + n % 60, null);
            }
            case REQUEST_TOP_UP -> {
                if (b % 3 == 0) {
                    // Any user for their personal balance; now and then a service token (403).
                    Who caller = c % 9 == 8 ? pick(SERVICES, a) : Who.user(pick(users, a));
                    yield new Op.RequestTopUp(caller, key, "personal", 1 + n % 200);
                }
                Who caller = switch (c % 9) {
                    case 7 -> Who.user(pick(MEMBERS, a)); // an admin only if a ROLE step made them one
                    case 8 -> pick(SERVICES, a);
                    default -> admin;
                };
                yield new Op.RequestTopUp(caller, key, b % 3 == 1 ? "pool" : pick(users, a + b), 1 + n % 200);
            }
            case COMPLETE -> {
                var requests = m.topUpRequests();
                var payable = requests.stream().filter(r -> !MoneyModel.COMPLETED.equals(r.status())
                        && !MoneyModel.DECLINED.equals(r.status())).toList();
                if (requests.isEmpty() || b % 11 == 10) {
                    yield new Op.RecordPurchase(BILLING, key, "pay-" + key, null, 1 + n % 200, "Q999", null, null);
                }
                var r = payable.isEmpty() || b % 7 == 6 ? pick(requests, a) : pick(payable, a);
                long amount = c % 9 == 8 ? r.amount() + 1 : r.amount(); // a mismatch now and then
                String account = switch (c % 7) {
                    case 5 -> r.account().name();
                    case 6 -> "pool"; // a mismatch unless it is the pool's
                    default -> null;
                };
                Who caller = b == 11 ? admin : a % 5 == 4 ? BILLING_2 : BILLING;
                Long price = a % 3 == 0 ? null : amount * 10;
                yield new Op.RecordPurchase(caller, key, "pay-" + key, account, amount, r.id(), price,
                        price == null ? null : "EUR");
            }
            case BUY -> {
                Who caller = c % 12 == 11 ? pick(NOT_BILLING, a) : b % 7 == 6 ? BILLING_2 : BILLING;
                String reference = n % 17 == 16 ? "pay " + key : "pay-" + key; // a space: refused
                long amount = 1 + n % 300;
                Long price = a % 4 == 0 ? null : amount * 10;
                String currency = price == null ? null : a % 4 == 3 && c % 5 == 0 ? null : "EUR"; // alone: refused
                yield new Op.RecordPurchase(caller, key, reference, creditedAccount(a, b), amount, null, price,
                        currency);
            }
            case BUY_AGAIN -> {
                var purchases = m.purchases();
                if (purchases.isEmpty()) {
                    yield null;
                }
                var p = pick(purchases, a);
                Who caller = c % 2 == 0 ? BILLING : BILLING_2;
                yield switch (b % 4) {
                    case 0 -> new Op.RecordPurchase(caller, key, p.paymentReference(), p.account().name(), p.amount(),
                            null, null, null);
                    case 1 -> new Op.RecordPurchase(caller, key, p.paymentReference(), p.requestId() == null
                            ? p.account().name() : null, p.amount(), p.requestId(), p.price(), p.currency());
                    case 2 -> new Op.RecordPurchase(caller, key, p.paymentReference(), p.account().name(),
                            p.amount() + 1, null, null, null);
                    default -> new Op.RecordPurchase(caller, key, p.paymentReference(), creditedAccount(c, b),
                            p.amount(), null, null, null);
                };
            }
            case DECLINE -> {
                var requests = m.topUpRequests();
                var awaiting = requests.stream().filter(r -> MoneyModel.AWAITING_PAYMENT.equals(r.status())).toList();
                String id = requests.isEmpty() || b % 11 == 10 ? "Q999"
                        : pick(awaiting.isEmpty() || b % 5 == 4 ? requests : awaiting, a).id();
                Who caller = c % 10 == 9 ? admin : c % 10 == 8 ? BILLING_2 : BILLING;
                yield new Op.DeclineTopUp(caller, key, id, n % 11 == 10 ? " " : "card declined " + n);
            }
            case EXPIRE_TOP_UP -> {
                var awaiting = m.topUpRequests().stream()
                        .filter(r -> MoneyModel.AWAITING_PAYMENT.equals(r.status())).toList();
                yield awaiting.isEmpty() ? null : new Op.ExpireTopUp(pick(awaiting, a).id());
            }
            case GRANT -> {
                Who caller = c % 10 == 9 ? admin : c % 10 == 8 ? BILLING : Who.operator();
                String reason = n % 13 == 12 ? "" : "goodwill " + n; // empty: refused
                yield new Op.OperatorGrant(caller, key, creditedAccount(a, b), 1 + n % 300, reason);
            }
            case CLOSE -> new Op.CloseCycle(c % 8 == 7 ? admin : Who.operator(), key);
            case RETRY -> {
                List<Op> earlier = idempotent(run);
                yield earlier.isEmpty() ? null : pick(earlier, a);
            }
            case REUSE_KEY -> {
                List<Op> earlier = idempotent(run);
                yield earlier.isEmpty() ? null : otherBody(pick(earlier, a));
            }
            case AUTO_TOP_UP -> new Op.SetAutoTopUp(admin, endpoint(a), 1 + n % 150, 1 + (n / 3) % 100, 1 + c % 3);
            case NO_AUTO_TOP_UP -> new Op.DeleteAutoTopUp(admin, endpoint(a));
            case RECURRING -> new Op.SetRecurring(admin, pick(users, a), b % 2 == 0 ? "TOP_UP_TO" : "ADD", 1 + n % 100);
            case NO_RECURRING -> new Op.DeleteRecurring(admin, pick(users, a));
            case JOIN -> {
                String user = pick(MEMBERS, a);
                yield m.activeMembers().contains(user) ? null : new Op.Join(user,
                        c % 10 == 9 ? Op.Role.ADMIN : Op.Role.MEMBER, b % 4 != 3, n % 3 == 0 ? 10 + n % 200 : null);
            }
            case LEAVE -> {
                List<String> active = MEMBERS.stream().filter(m.activeMembers()::contains).toList();
                yield active.isEmpty() ? null : new Op.Leave(pick(active, a));
            }
            case POOL_ACCESS -> activeOf(users, a, m) == null ? null
                    : new Op.SetPoolAccess(activeOf(users, a, m), b % 2 == 0);
            case POOL_CAP -> activeOf(users, a, m) == null ? null
                    : new Op.SetPoolCap(activeOf(users, a, m), b % 3 == 0 ? null : 5 + n % 150);
            case ROLE -> {
                List<String> active = MEMBERS.stream().filter(m.activeMembers()::contains).toList();
                yield active.isEmpty() ? null : new Op.SetRole(pick(active, a), b % 2 == 0 ? Op.Role.ADMIN
                        : Op.Role.MEMBER);
            }
            case FALLBACK -> new Op.SetPersonalFallback(a % 2 == 0);
            case PLAN -> new Op.ChangePlan(pick(ALLOCATIONS, a), b % 2 == 0);
        };
    }

    /** Where a purchase or grant goes: the pool, a member balance (active, former or never), a personal balance. */
    private static String creditedAccount(int a, int b) {
        return switch (b % 3) {
            case 0 -> "pool";
            case 1 -> pick(ModelRun.USERS, a);
            default -> Acct.personal(pick(ModelRun.USERS, a)).name();
        };
    }

    private Boolean resultValid(String action) {
        return !"EMAIL_FINDING".equals(action) ? null : c % 3 == 0 ? null : c % 3 == 1;
    }

    private static Who backend(int choice) {
        return Who.backend(choice % 4 == 3 ? "backend2" : "backend");
    }

    /** Someone who did not make the hold: the operator, an admin, the member, another backend. */
    private static Who stranger(int choice, String member) {
        return switch (choice % 4) {
            case 0 -> Who.operator();
            case 1 -> Who.user(ModelRun.ADMIN);
            case 2 -> Who.user(member);
            default -> Who.backend("backend2");
        };
    }

    private static String endpoint(int choice) {
        return choice % 5 == 0 ? "pool" : pick(ModelRun.USERS, choice + choice / 5);
    }

    private static String activeOf(List<String> users, int choice, MoneyModel m) {
        List<String> active = users.stream().filter(m.activeMembers()::contains).toList();
        return active.isEmpty() ? null : pick(active, choice);
    }

    private static List<MoneyModel.ReservationInfo> openReservations(ModelRun run) {
        return run.model.reservations().stream().filter(r -> "ACTIVE".equals(r.status()) && !run.isShort(r.id()))
                .toList();
    }

    private static List<Op> idempotent(ModelRun run) {
        return run.log().stream().filter(op -> op instanceof Op.Spend || op instanceof Op.Transfer
                || op instanceof Op.Reserve
                || op instanceof Op.Capture || op instanceof Op.Release || op instanceof Op.Reverse
                || op instanceof Op.CloseCycle || op instanceof Op.RequestTopUp || op instanceof Op.RecordPurchase
                || op instanceof Op.DeclineTopUp || op instanceof Op.OperatorGrant).toList();
    }

    /** The same key with another request: a 422 if the first one went through. */
    private static Op otherBody(Op op) {
        if (op instanceof Op.Spend o) {
            return new Op.Spend(o.caller(), o.key(), o.userId(), o.action(), o.quantity() + 1, o.resultValid());
        }
        if (op instanceof Op.Transfer o) {
            return new Op.Transfer(o.caller(), o.key(), o.from(), o.to(), o.amount() + 1, o.reason());
        }
        if (op instanceof Op.Reserve o) {
            return new Op.Reserve(o.caller(), o.key(), o.userId(), o.action(), o.quantity(),
                    o.amount() == null ? null : o.amount() + 1, o.ttlSeconds());
        }
        if (op instanceof Op.Capture o) {
            return new Op.Capture(o.caller(), o.key(), o.reservationId(), o.amount() + 1);
        }
        if (op instanceof Op.Reverse o) {
            return new Op.Reverse(o.caller(), o.key(), o.transferId(), o.amount() == null ? 1L : o.amount() + 1,
                    o.reason());
        }
        if (op instanceof Op.RequestTopUp o) {
            return new Op.RequestTopUp(o.caller(), o.key(), o.account(), o.amount() + 1);
        }
        if (op instanceof Op.RecordPurchase o) {
            return new Op.RecordPurchase(o.caller(), o.key(), o.paymentReference(), o.account(), o.amount() + 1,
                    o.requestId(), o.price(), o.currency());
        }
        if (op instanceof Op.DeclineTopUp o) {
            return new Op.DeclineTopUp(o.caller(), o.key(), o.requestId(), o.reason() + "!");
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
