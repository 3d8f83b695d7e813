package dev.teamcredits.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Random operation sequences never create, lose or overdraw credits, and refusals never change anything. */
class ConservationPropertyTest {

    private static final Who ADMIN = Who.user("admin");

    @Property(tries = 500)
    void creditsAreConservedAndHoldsStayWithinBalances(@ForAll boolean rollover, @ForAll boolean fallback,
                                                       @ForAll("steps") List<Op> steps) {
        MoneyModel m = new MoneyModel(Fixture.CONFIG, LocalDate.of(2024, 1, 31), 100, rollover, fallback);
        m.apply(new Op.Join("admin", Op.Role.ADMIN, true, null));
        m.apply(new Op.Join("u1", Op.Role.MEMBER, true, null));
        m.apply(new Op.Join("u2", Op.Role.MEMBER, false, null));
        m.apply(new Op.Join("u3", Op.Role.MEMBER, true, 30L));
        for (Op op : steps) {
            MoneyModel copy = m.copy();
            String before = Fixture.snapshot(m);
            Answer answer = m.apply(op);
            String context = op + " -> " + answer + "\n" + m;
            String outcome = answer instanceof Answer.Refused r ? r.type() : answer.getClass().getSimpleName();
            Statistics.label("answers").collect(op.getClass().getSimpleName() + " " + outcome);
            if (answer instanceof Answer.Refused || answer instanceof Answer.Replayed
                    || answer instanceof Answer.Moved moved && moved.preview()) {
                assertEquals(before, Fixture.snapshot(m), context);
            }
            assertEquals(answer, copy.apply(op), context);
            assertEquals(m.toString(), copy.toString(), context);
            assertInvariants(m, context);
        }
    }

    private static void assertInvariants(MoneyModel m, String context) {
        Instant now = m.cycleStart().atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Acct> accounts = new ArrayList<>(List.of(Acct.pool()));
        m.everJoined().forEach(user -> accounts.add(Acct.member(user)));
        m.personalOpened().forEach(user -> accounts.add(Acct.personal(user)));
        long total = 0;
        for (Acct acct : accounts) {
            AccountState s = m.state(acct);
            long past = 0;
            for (Map.Entry<Bucket, Long> bucket : s.buckets().entrySet()) {
                assertTrue(bucket.getValue() > 0, context);
                Instant expiry = bucket.getKey().expiry();
                past += expiry != null && !expiry.isAfter(now) ? bucket.getValue() : 0;
            }
            long held = m.reservations().stream().filter(r -> r.status().equals("ACTIVE"))
                    .flatMap(r -> r.holds().stream()).filter(h -> h.account().equals(acct))
                    .mapToLong(Part::amount).sum();
            assertEquals(s.buckets().values().stream().mapToLong(Long::longValue).sum(), s.balance(), context);
            assertEquals(s.balance() - s.reserved(), s.available(), context);
            assertTrue(0 <= s.reserved() && s.reserved() <= s.balance(), acct + " reserved\n" + context);
            assertTrue(past <= s.reserved(), acct + " past expiry\n" + context);
            assertEquals(held, s.reserved(), acct + " holds\n" + context);
            total += s.balance();
        }
        assertEquals(m.created().total() - m.spent() - m.expired(), total, context);
        for (String user : m.everJoined()) {
            long poolHolds = m.reservations().stream()
                    .filter(r -> r.status().equals("ACTIVE") && r.member().equals(user))
                    .flatMap(r -> r.holds().stream()).filter(h -> h.account().equals(Acct.pool()))
                    .mapToLong(Part::amount).sum();
            assertEquals(poolHolds, m.poolHeld(user), context);
            if (!m.activeMembers().contains(user)) {
                assertEquals(0, m.state(Acct.member(user)).balance(), context);
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> steps() {
        Arbitrary<String> anyUser = Arbitraries.of("admin", "u1", "u2", "u3");
        Arbitrary<String> member = Arbitraries.of("u1", "u2", "u3");
        Arbitrary<String> account = Arbitraries.of("pool", "admin", "u1", "u2", "u3");
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        Arbitrary<Who> caller = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(ADMIN)),
                Tuple.of(4, member.map(Who::user)), Tuple.of(2, Arbitraries.of(Who.backend("b1"), Who.backend("b2"))),
                Tuple.of(1, Arbitraries.just(Who.operator())));
        Arbitrary<String> key = Arbitraries.integers().between(1, 40).map(i -> "k" + i);
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 60);
        Arbitrary<Long> cap = Arbitraries.longs().between(0, 50).injectNull(0.5);
        Arbitrary<String> reservation = Arbitraries.integers().between(1, 3).map(i -> "R" + i);
        Arbitrary<String> transfer = Arbitraries.integers().between(1, 6).map(i -> "T" + i);
        Arbitrary<String> action = Arbitraries.of("PAGE_SCRAPE", "ENRICHMENT", "EMAIL_FINDING", "EXPORT", "NOPE");
        Arbitrary<String> userId = anyUser.injectNull(0.5);

        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(member, Arbitraries.of(Op.Role.values()), bool, cap)
                        .as(Op.Join::new)),
                Tuple.of(1, member.map(Op.Leave::new)),
                Tuple.of(1, Combinators.combine(member, bool).as(Op.SetPoolAccess::new)),
                Tuple.of(1, Combinators.combine(member, cap).as(Op.SetPoolCap::new)),
                Tuple.of(1, bool.map(Op.SetPersonalFallback::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.longs().between(0, 150), bool).as(Op.ChangePlan::new)),
                Tuple.of(2, Combinators.combine(key, account, amount).as((k, a, n) -> new Op.RecordPurchase(
                        Who.billing("billing"), k, "pay-" + k, a, n, null, null, null))),
                Tuple.of(1, Combinators.combine(key, anyUser, amount).as((k, u, n) -> new Op.OperatorGrant(
                        Who.operator(), k, "personal:" + u, n, "goodwill"))),
                Tuple.of(4, Combinators.combine(caller, key, account, account, amount)
                        .as((c, k, f, t, a) -> new Op.Transfer(c, k, f, t, a, "r"))),
                Tuple.of(1, Combinators.combine(caller, account, account, amount)
                        .as((c, f, t, a) -> new Op.Preview(c, f, t, a, "r"))),
                Tuple.of(2, Combinators.combine(caller, key, transfer, amount.injectNull(0.5))
                        .as((c, k, t, a) -> new Op.Reverse(c, k, t, a, "r"))),
                Tuple.of(6, Combinators.combine(caller, key, userId, action, Arbitraries.longs().between(1, 40),
                        bool.injectNull(0.3)).as(Op.Spend::new)),
                Tuple.of(6, Combinators.combine(caller, key, userId, amount)
                        .as((c, k, u, a) -> new Op.Reserve(c, k, u, null, null, a, 60))),
                Tuple.of(1, Combinators.combine(caller, key, userId, action)
                        .as((c, k, u, a) -> new Op.Reserve(c, k, u, a, 3L, null, 60))),
                Tuple.of(2, Combinators.combine(caller, key, reservation, amount).as(Op.Capture::new)),
                Tuple.of(2, Combinators.combine(key, reservation, Arbitraries.longs().between(1, 30))
                        .as((k, r, a) -> new Op.Capture(Who.operator(), k, r, a))),
                Tuple.of(2, Combinators.combine(caller, key, reservation).as(Op.Release::new)),
                Tuple.of(1, reservation.map(Op.ExpireReservation::new)),
                Tuple.of(2, key.map(k -> new Op.CloseCycle(Who.operator(), k))),
                Tuple.of(1, Combinators.combine(account, amount, Arbitraries.longs().between(1, 40),
                        Arbitraries.integers().between(1, 3))
                        .as((a, t, n, l) -> new Op.SetAutoTopUp(ADMIN, a, t, n, l))),
                Tuple.of(1, account.map(a -> new Op.DeleteAutoTopUp(ADMIN, a))),
                Tuple.of(1, Combinators.combine(member, Arbitraries.of("TOP_UP_TO", "ADD"), amount)
                        .as((u, mode, a) -> new Op.SetRecurring(ADMIN, u, mode, a))),
                Tuple.of(1, member.map(u -> new Op.DeleteRecurring(ADMIN, u))));
        return op.list().ofMinSize(10).ofMaxSize(80);
    }
}
