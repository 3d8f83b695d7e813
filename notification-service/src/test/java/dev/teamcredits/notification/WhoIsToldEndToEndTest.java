package dev.teamcredits.notification;

import static dev.teamcredits.notification.NotificationFixture.as;
import static dev.teamcredits.notification.NotificationFixture.await;
import static dev.teamcredits.notification.NotificationFixture.send;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.events.usage.UnusualUsage;
import dev.teamcredits.notification.NotificationFixture.Org;
import dev.teamcredits.notification.NotificationFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The spec's list of who is told what, one event at a time, through the real broker and the API (the
 * rule alone, table by table: {@code domain/WhoIsToldTest}).
 */
@QuarkusTest
class WhoIsToldEndToEndTest {

    @Test
    void eachEventReachesThePeopleItConcernsAndNoOneElse() {
        Org org = Org.create();
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        User bob = org.join("bob");
        // Bob becomes a second admin: he is told about pool matters too.
        send(new MemberJoined(org.id, bob.subject(), bob.email(), "bob", Role.ADMIN, true, null, Instant.now(),
                UUID.randomUUID()));
        await("bob promoted", () -> types(bob).stream().filter("MEMBER_ADDED"::equals).count() == 2);

        // An admin claws credits back from Ben to the pool: Ben is told, the acting admin confirmed,
        // the other admin told about the pool.
        send(org.transfer(AccountRef.member(ben.subject()), AccountRef.pool(), 15, "clawback", 5, 1015));
        await("clawback", () -> types(ben).contains("TRANSFER_DEDUCTED") && types(bob).contains("POOL_TRANSFER")
                && types(org.admin).contains("TRANSFER_SENT"));
        as(ben).get("/v1/me/notifications").then().body("items.find { it.type == 'TRANSFER_DEDUCTED' }.body",
                equalTo("Ada moved 15 credits from your balance to the pool in Acme Research — reason: clawback. "
                        + "Your balance is now 5."));

        send(new LowBalance(org.id, AccountRef.member(cleo.subject()), 40, 100, Instant.now()),
                new LowBalance(org.id, AccountRef.pool(), 60, 100, Instant.now()),
                new PoolEmpty(org.id, Instant.now()),
                new ReservationReleased(org.id, UUID.randomUUID(), cleo.subject(), 1, true, null, Instant.now()),
                new ReservationReleased(org.id, UUID.randomUUID(), cleo.subject(), 1, false, null, Instant.now()),
                new UnusualUsage(org.id, cleo.subject(), LocalDate.now(), 500, 20.0, 7, 3.0, Instant.now()));
        await("alerts", () -> types(org.admin).contains("UNUSUAL_USAGE")
                && types(cleo).contains("RESERVATION_EXPIRED"));
        assertEquals(List.of("RESERVATION_EXPIRED", "LOW_BALANCE", "MEMBER_ADDED"), types(cleo),
                "cleo: her own low balance and expired reservation (a release by the caller tells no one)");
        as(cleo).get("/v1/me/notifications").then().body("items.find { it.type == 'LOW_BALANCE' }.body",
                equalTo("Your balance in Acme Research is down to 40 credits (alert threshold 100)."));
        for (User admin : List.of(org.admin, bob)) {
            List<String> types = types(admin);
            assertEquals(1, types.stream().filter("LOW_BALANCE"::equals).count(), "the pool's low balance: " + types);
            assertEquals(1, types.stream().filter("POOL_EMPTY"::equals).count());
            assertEquals(1, types.stream().filter("UNUSUAL_USAGE"::equals).count());
        }
        as(org.admin).get("/v1/me/notifications").then().body("items.find { it.type == 'UNUSUAL_USAGE' }.body",
                containsString("cleo used 500 credits"));
        assertEquals(List.of("TRANSFER_DEDUCTED", "MEMBER_ADDED"), types(ben), "ben is told nothing of the others");

        // Ben leaves: he and the admins are told; the ledger's sweep tells the admins where his credits went.
        send(new MemberRemoved(org.id, ben.subject(), ben.email(), org.admin.subject(), Instant.now()),
                new TransferCompleted(org.id, UUID.randomUUID(), AccountRef.member(ben.subject()), AccountRef.pool(), 5,
                        "member removed", "system", "Team Credits", null,
                        new BalanceView(AccountRef.member(ben.subject()), 0, 0, 0),
                        new BalanceView(AccountRef.pool(), 1020, 0, 1020), Instant.now()));
        await("removal", () -> types(ben).contains("MEMBER_REMOVED") && types(bob).contains("CREDITS_SWEPT"));
        as(bob).get("/v1/me/notifications").then().body("items.find { it.type == 'CREDITS_SWEPT' }.body",
                equalTo("ben left Acme Research; their 5 credits went back to the pool, which now has 1020."));
        await("admin told of the removal", () -> types(org.admin).contains("MEMBER_REMOVED")
                && types(org.admin).contains("CREDITS_SWEPT"));
        assertEquals(List.of("MEMBER_REMOVED", "TRANSFER_DEDUCTED", "MEMBER_ADDED"), types(ben),
                "the sweep itself tells ben nothing more");
    }

    /** The user's notification types, newest first. */
    private static List<String> types(User user) {
        return as(user).get("/v1/me/notifications?limit=100").path("items.type");
    }
}
