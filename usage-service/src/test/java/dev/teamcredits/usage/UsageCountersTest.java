package dev.teamcredits.usage;

import static dev.teamcredits.usage.UsageFixture.as;
import static dev.teamcredits.usage.UsageFixture.send;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.usage.UsageFixture.Org;
import dev.teamcredits.usage.UsageFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UsageCountersTest {

    @Inject
    Pool db;

    @Test
    void countsCreditsPerMemberBySourceAndActionWithThePoolCard() {
        Org org = Org.create(1000);
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        send(org.spend(ben, "PAGE_SCRAPE", 10, 0, 0, 990, Instant.now()),
                org.spend(ben, "ENRICHMENT", 5, 3, 2, 985, Instant.now()),
                org.spend(cleo, "PAGE_SCRAPE", 0, 4, 0, 0, Instant.now()));
        UsageFixture.await("counters", () -> ((Number) as(org.admin).get("/v1/orgs/{o}/usage", org.id)
                .path("members.find { it.userId == '%s' }.spends".formatted(cleo.subject()))).intValue() == 1);

        as(org.admin).get("/v1/orgs/{o}/usage", org.id).then().statusCode(200)
                .body("pool.available", equalTo(985)).body("pool.total", equalTo(1000))
                .body("members", hasSize(3))
                .body("members.find { it.userId == '%s' }.creditsUsed".formatted(ben.subject()), equalTo(15))
                .body("members.find { it.userId == '%s' }.fromMember".formatted(ben.subject()), equalTo(3))
                .body("members.find { it.userId == '%s' }.fromPersonal".formatted(ben.subject()), equalTo(2))
                .body("members.find { it.userId == '%s' }.spends".formatted(ben.subject()), equalTo(2))
                .body("members.find { it.userId == '%s' }.byAction.ENRICHMENT".formatted(ben.subject()), equalTo(10))
                .body("members.find { it.userId == '%s' }.byAction.PAGE_SCRAPE".formatted(ben.subject()), equalTo(10))
                .body("members.find { it.userId == '%s' }.fromMember".formatted(cleo.subject()), equalTo(4));
        // A member sees the pool card and only their own row; an outsider nothing.
        as(ben).get("/v1/orgs/{o}/usage", org.id).then().statusCode(200).body("members", hasSize(1))
                .body("members[0].userId", equalTo(ben.subject())).body("pool.available", equalTo(985));
        as(UsageFixture.user("eve")).get("/v1/orgs/{o}/usage", org.id).then().statusCode(404);
    }

    @Test
    void aRedeliveredEventCountsOnce() {
        Org org = Org.create(100);
        User ben = org.join("ben");
        CreditsSpent spent = org.spend(ben, "PAGE_SCRAPE", 7, 0, 0, 93, Instant.now());
        String record = UsageFixture.record(spent);
        UsageFixture.sendRaw(Topics.LEDGER, List.of(new String[] { org.id.toString(), record },
                new String[] { org.id.toString(), record }, new String[] { org.id.toString(), record }));
        send(org.spend(ben, "TAG", 0, 0, 0, 93, Instant.now())); // marker: the stream moved past the copies
        UsageFixture.await("marker", () -> UsageFixture.ownSpends(ben, org.id) >= 2);
        as(ben).get("/v1/orgs/{o}/usage", org.id).then().body("members[0].creditsUsed", equalTo(7))
                .body("members[0].spends", equalTo(2));
    }

    @Test
    void reservationsCountWhenCapturedNotWhenMadeOrReleased() {
        Org org = Org.create(100);
        User ben = org.join("ben");
        UUID reservation = UUID.randomUUID();
        send(new ReservationCreated(org.id, reservation, ben.subject(), "EMAIL_FINDING", 5,
                        List.of(new SourceAmount(AccountRef.pool(), 5)), Instant.now().plusSeconds(60), ben.subject(),
                        UsageFixture.pool(95), Instant.now()),
                new ReservationReleased(org.id, reservation, ben.subject(), 5, true, UsageFixture.pool(100),
                        Instant.now()));
        CreditsSpent captured = new CreditsSpent(org.id, UUID.randomUUID(), ben.subject(), "EMAIL_FINDING", 1, 1,
                List.of(new SourceAmount(AccountRef.pool(), 1)), org.cycleStart, UUID.randomUUID(), "backend",
                UsageFixture.pool(99), Instant.now());
        send(captured);
        UsageFixture.await("capture", () -> UsageFixture.ownSpends(ben, org.id) == 1);
        as(ben).get("/v1/orgs/{o}/usage", org.id).then().body("members[0].creditsUsed", equalTo(1))
                .body("pool.available", equalTo(99));
    }

    @Test
    void aCycleCloseStartsFreshCountersAndThePastCycleStaysReadable() {
        Org org = Org.create(100);
        User ben = org.join("ben");
        var firstCycle = org.cycleStart;
        send(org.spend(ben, "PAGE_SCRAPE", 30, 0, 0, 70, Instant.now()));
        send(org.close(100), new CreditsGranted(org.id, UUID.randomUUID(), AccountRef.pool(), 100, "SUBSCRIPTION",
                "SUBSCRIPTION", null, UsageFixture.pool(100), "system", Instant.now().plusSeconds(1)),
                new TransferCompleted(org.id, UUID.randomUUID(), AccountRef.member(ben.subject()), AccountRef.pool(), 5,
                        "return", "admin", "Admin", null, null, UsageFixture.pool(105), Instant.now().plusSeconds(2)));
        send(org.spend(ben, "PAGE_SCRAPE", 4, 0, 0, 101, Instant.now().plusSeconds(3)));
        UsageFixture.await("new cycle", () -> ((Number) as(org.admin).get("/v1/orgs/{o}/usage", org.id)
                .path("pool.total")).intValue() == 105);

        as(org.admin).get("/v1/orgs/{o}/usage", org.id).then()
                .body("cycleStart", equalTo(org.cycleStart.toString())).body("pool.available", equalTo(101))
                .body("members.find { it.userId == '%s' }.creditsUsed".formatted(ben.subject()), equalTo(4));
        as(org.admin).queryParam("cycle", firstCycle.toString()).get("/v1/orgs/{o}/usage", org.id).then()
                .body("pool.total", equalTo(100)).body("pool.available", nullValue())
                .body("members.find { it.userId == '%s' }.creditsUsed".formatted(ben.subject()), equalTo(30));
        as(org.admin).get("/v1/orgs/{o}/usage/cycles", org.id).then().body("items", hasSize(2))
                .body("items[0].creditsUsed", equalTo(4)).body("items[1].creditsUsed", equalTo(30))
                .body("nextCursor", nullValue());
        as(org.admin).queryParam("cycle", "last-week").get("/v1/orgs/{o}/usage", org.id).then().statusCode(400);
        as(org.admin).queryParam("cycle", "1999-01-01").get("/v1/orgs/{o}/usage", org.id).then().statusCode(404);
    }

    @Test
    void eventsOfDifferentOrgsInterleavedInAnyOrderAreCountedPerOrg() {
        Org a = Org.create(100);
        Org b = Org.create(100);
        User ann = a.join("ann");
        User bob = b.join("bob");
        send(b.spend(bob, "PAGE_SCRAPE", 3, 0, 0, 97, Instant.now()), a.spend(ann, "PAGE_SCRAPE", 1, 0, 0, 99,
                Instant.now()), b.spend(bob, "PAGE_SCRAPE", 3, 0, 0, 94, Instant.now()),
                a.spend(ann, "ENRICHMENT", 2, 0, 0, 97, Instant.now()));
        UsageFixture.await("both", () -> UsageFixture.ownSpends(bob, b.id) == 2
                && UsageFixture.ownSpends(ann, a.id) == 2);
        as(ann).get("/v1/orgs/{o}/usage", a.id).then().body("members[0].creditsUsed", equalTo(3))
                .body("pool.available", equalTo(97));
        as(bob).get("/v1/orgs/{o}/usage", b.id).then().body("members[0].creditsUsed", equalTo(6))
                .body("pool.available", equalTo(94));
    }

    @Test
    void dailySeriesPerMemberAndOrgAndWhoMaySeeThem() {
        Org org = Org.create(1000);
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        Instant now = Instant.now();
        send(org.spend(ben, "PAGE_SCRAPE", 5, 0, 0, 995, now.minus(Duration.ofDays(2))),
                org.spend(ben, "PAGE_SCRAPE", 6, 0, 0, 989, now),
                org.spend(cleo, "PAGE_SCRAPE", 1, 0, 0, 988, now));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String from = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3).toString();
        UsageFixture.await("daily", () -> ((Number) as(org.admin).queryParam("from", from).queryParam("to", today)
                .get("/v1/orgs/{o}/usage/daily", org.id).path("[3].credits")).intValue() == 7);
        as(ben).queryParam("from", from).queryParam("to", today)
                .get("/v1/orgs/{o}/members/{u}/usage/daily", org.id, ben.subject()).then().statusCode(200)
                .body("", hasSize(4)).body("[1].credits", equalTo(5)).body("[2].credits", equalTo(0))
                .body("[3].credits", equalTo(6));
        as(ben).queryParam("from", from).queryParam("to", today)
                .get("/v1/orgs/{o}/members/{u}/usage/daily", org.id, cleo.subject()).then().statusCode(403);
        as(ben).queryParam("from", from).queryParam("to", today).get("/v1/orgs/{o}/usage/daily", org.id).then()
                .statusCode(403);
        as(org.admin).queryParam("from", today).queryParam("to", from).get("/v1/orgs/{o}/usage/daily", org.id).then()
                .statusCode(400);
    }

    @Test
    void poolCreditsReadBeforeTheOrgIsKnownStillCountTowardTheirCycle() {
        // The two topics are read independently: here the ledger's grants, and even a cycle close,
        // are read before the team's org-created event.
        UUID orgId = UUID.randomUUID();
        User admin = UsageFixture.user("admin");
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusMonths(1);
        LocalDate second = first.plusMonths(1);
        send(new CreditsGranted(orgId, UUID.randomUUID(), AccountRef.pool(), 300, "SUBSCRIPTION", "SUBSCRIPTION",
                null, UsageFixture.pool(300), "system", Instant.now()),
                new CycleClosed(orgId, first, second, second.plusMonths(1), 200, Instant.now().plusSeconds(1)),
                new CreditsGranted(orgId, UUID.randomUUID(), AccountRef.pool(), 200, "SUBSCRIPTION", "SUBSCRIPTION",
                        null, UsageFixture.pool(500), "system", Instant.now().plusSeconds(1)));
        UsageFixture.await("ledger events read", () -> db.preparedQuery("SELECT total_in FROM pool_cycle "
                + "WHERE org_id = $1 AND cycle_start = $2").execute(Tuple.of(orgId, second)).await().indefinitely()
                .size() == 1);

        send(new OrgCreated(orgId, "Org", Plan.PRO, new PlanTerms(5, 300, false), new OrgSettings(true, true), first,
                admin.subject(), Instant.now()), new MemberJoined(orgId, admin.subject(), "admin@acme.example", "Admin",
                        Role.ADMIN, true, null, Instant.now(), null));
        UsageFixture.await("org", () -> as(admin).get("/v1/orgs/{o}/usage", orgId).statusCode() == 200);
        as(admin).get("/v1/orgs/{o}/usage", orgId).then().body("cycleStart", equalTo(second.toString()))
                .body("pool.total", equalTo(200)).body("pool.available", equalTo(500));
        as(admin).queryParam("cycle", first.toString()).get("/v1/orgs/{o}/usage", orgId).then()
                .body("pool.total", equalTo(300));
    }
}
