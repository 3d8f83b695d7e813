package dev.teamcredits.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Short ways to build an org and send it operations, so that each test reads as its rule. */
final class Fixture {

    static final ModelConfig CONFIG = new ModelConfig(ModelConfig.DEFAULT_PRICES, 10, 3600);
    static final LocalDate ANCHOR = LocalDate.of(2025, 1, 15);
    static final Who ADMIN = Who.user("admin");
    static final Who U1 = Who.user("u1");
    static final Who U2 = Who.user("u2");
    static final Who BACKEND = Who.backend("scraper");
    static final Who OPERATOR = Who.operator();
    static final Who BILLING = Who.billing("billing");
    static final Bucket TOP_UP = new Bucket(LotKind.TOP_UP, null);
    static final Bucket FREE = new Bucket(LotKind.FREE, null);

    private static final AtomicLong KEYS = new AtomicLong();

    private Fixture() {
    }

    /** An org with {@code admin} (pool access, no cap) and a monthly allocation of 100. */
    static MoneyModel org(boolean rollover, boolean personalFallback) {
        MoneyModel m = new MoneyModel(CONFIG, ANCHOR, 100, rollover, personalFallback);
        m.apply(new Op.Join("admin", Op.Role.ADMIN, true, null));
        return m;
    }

    static MoneyModel org() {
        return org(false, false);
    }

    static String key() {
        return "k" + KEYS.incrementAndGet();
    }

    static Instant boundary(int k) {
        return ANCHOR.plusMonths(k).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Bucket sub(int k) {
        return new Bucket(LotKind.SUBSCRIPTION, boundary(k));
    }

    static Bucket roll(int k) {
        return new Bucket(LotKind.ROLLOVER, boundary(k));
    }

    /** Buckets from (bucket, credits) pairs. */
    static SortedMap<Bucket, Long> buckets(Object... pairs) {
        TreeMap<Bucket, Long> buckets = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            buckets.put((Bucket) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return buckets;
    }

    static void join(MoneyModel m, String user, boolean poolAccess, Long cap) {
        m.apply(new Op.Join(user, Op.Role.MEMBER, poolAccess, cap));
    }

    static Answer spend(MoneyModel m, String user, long quantity) {
        return m.apply(new Op.Spend(Who.user(user), key(), null, "PAGE_SCRAPE", quantity, null));
    }

    static Answer transfer(MoneyModel m, String from, String to, long amount) {
        return m.apply(new Op.Transfer(ADMIN, key(), from, to, amount, "test"));
    }

    static Answer reverse(MoneyModel m, String transferId, Long amount) {
        return m.apply(new Op.Reverse(ADMIN, key(), transferId, amount, "claw back"));
    }

    static Answer reserve(MoneyModel m, Who caller, String user, long amount) {
        return m.apply(new Op.Reserve(caller, key(), user, null, null, amount, 60));
    }

    static Answer capture(MoneyModel m, Who caller, String reservationId, long amount) {
        return m.apply(new Op.Capture(caller, key(), reservationId, amount));
    }

    static Answer release(MoneyModel m, Who caller, String reservationId) {
        return m.apply(new Op.Release(caller, key(), reservationId));
    }

    /** The billing backend records a purchase without a request, with a fresh payment reference. */
    static Answer buy(MoneyModel m, String account, long amount) {
        return m.apply(new Op.RecordPurchase(BILLING, key(), "pay-" + key(), account, amount, null, null, null));
    }

    /** The billing backend completes a request with a fresh payment reference. */
    static Answer complete(MoneyModel m, String requestId, long amount) {
        return m.apply(new Op.RecordPurchase(BILLING, key(), "pay-" + key(), null, amount, requestId, null, null));
    }

    static Answer requestTopUp(MoneyModel m, Who caller, String account, long amount) {
        return m.apply(new Op.RequestTopUp(caller, key(), account, amount));
    }

    static Answer grant(MoneyModel m, String account, long amount) {
        return m.apply(new Op.OperatorGrant(OPERATOR, key(), account, amount, "goodwill"));
    }

    static Answer close(MoneyModel m) {
        return m.apply(new Op.CloseCycle(OPERATOR, key()));
    }

    static <T extends Answer> T ok(Answer answer, Class<T> type) {
        return assertInstanceOf(type, answer, () -> "answer " + answer);
    }

    static void assertRefused(Answer answer, int status, String type, Map<String, Object> details) {
        assertEquals(new Answer.Refused(status, type, details), answer);
    }

    static void assertRefused(Answer answer, int status, String type) {
        assertRefused(answer, status, type, Map.of());
    }

    static long available(MoneyModel m, Acct acct) {
        return m.state(acct).available();
    }

    static View view(MoneyModel m, Acct acct) {
        AccountState s = m.state(acct);
        return new View(acct, s.balance(), s.reserved(), s.available());
    }

    /** Everything a step could change, for "nothing changed" checks. */
    static String snapshot(MoneyModel m) {
        StringBuilder out = new StringBuilder(m.toString());
        for (String user : m.everJoined()) {
            for (int k = 0; k <= m.cycle(); k++) {
                out.append(user).append(k).append(m.usage(user, k));
            }
        }
        return out.toString();
    }
}
