package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ledger keeps the order of an org's team events across parking: membership moves money (a departure sweeps the
 * member's balance to the pool), so while an org's event is parked, its later events are parked behind it untried,
 * other orgs go on, and one re-drive applies them all in their order. An unreadable record holds nothing back.
 */
@QuarkusTest
class TeamEventsParkingTest extends LedgerTestBase {

    @Inject
    Pool db;

    @Test
    void laterEventsOfAnOrgWaitBehindItsParkedEventAndARedriveAppliesThemInOrder() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        Org other = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", true, null);
        org.transfer("pool", ben.subject(), 30);
        // A real constraint on the ledger's member view: ben may not be deactivated, for now.
        sql("CREATE TABLE IF NOT EXISTS test_no_leave (user_id text PRIMARY KEY)");
        sql("""
                CREATE OR REPLACE FUNCTION test_no_leave() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT NEW.active AND EXISTS (SELECT 1 FROM test_no_leave WHERE user_id = NEW.user_id) THEN
                        RAISE EXCEPTION '% may not leave', NEW.user_id USING ERRCODE = '23514';
                    END IF;
                    RETURN NEW;
                END $$""");
        sql("CREATE OR REPLACE TRIGGER test_no_leave BEFORE UPDATE ON member_view FOR EACH ROW "
                + "EXECUTE FUNCTION test_no_leave()");
        db.preparedQuery("INSERT INTO test_no_leave VALUES ($1)").execute(Tuple.of(ben.subject())).await()
                .atMost(Duration.ofSeconds(10));

        // Removed, then re-invited: applied out of order, ben would end up removed.
        LedgerFixture.send(org.id, new MemberRemoved(org.id, ben.subject(), ben.email(), org.admin.subject(),
                Instant.now()));
        LedgerFixture.send(org.id, new MemberJoined(org.id, ben.subject(), ben.email(), "ben", Role.MEMBER, true,
                null, Instant.now(), UUID.randomUUID()));
        User cleo = LedgerFixture.user("cleo");
        LedgerFixture.send(org.id, new MemberJoined(org.id, cleo.subject(), cleo.email(), "cleo", Role.MEMBER, true,
                null, Instant.now(), UUID.randomUUID()));
        User dan = other.join("dan", true, null); // another org goes on

        LedgerFixture.await("parked", () -> parkedOf(org).size() == 3);
        List<Map<String, Object>> parked = parkedOf(org);
        assertEquals(List.of("FAILED", "HELD", "HELD"), parked.stream().map(p -> p.get("reason")).toList());
        assertEquals(List.of(3, 0, 0), parked.stream().map(p -> p.get("attempts")).toList(),
                "the failing one tried the configured times, the held ones not at all");
        assertEquals(200, as(ben).get("/v1/orgs/{o}/balances", org.id).statusCode(), "the removal is not applied");
        assertEquals(404, as(cleo).get("/v1/orgs/{o}/balances", org.id).statusCode(), "held, not applied");
        assertEquals(200, as(dan).get("/v1/orgs/{o}/balances", other.id).statusCode());

        // A held event cannot jump its queue; the first one, once its cause is gone, brings the others in order.
        long first = ((Number) parked.get(0).get("id")).longValue();
        long held = ((Number) parked.get(1).get("id")).longValue();
        operator().post("/v1/operator/ledger/parked-events/{id}/redrive", held).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:team-credits:problem:parked-event-waits"));
        sql("DELETE FROM test_no_leave WHERE user_id = '" + ben.subject() + "'");
        JsonPath redriven = operator().post("/v1/operator/ledger/parked-events/{id}/redrive", first).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(parked.stream().map(p -> ((Number) p.get("id")).intValue()).toList(),
                redriven.getList("redriven.id"), "all three, in their order");
        assertEquals(200, as(ben).get("/v1/orgs/{o}/balances", org.id).statusCode(), "removed, then back");
        assertEquals(0L, org.member(ben), "the departure swept his 30 back to the pool");
        assertEquals(100, org.pool());
        assertEquals(200, as(cleo).get("/v1/orgs/{o}/balances", org.id).statusCode());
        assertEquals(List.of(), operator().queryParam("limit", 500).get("/v1/operator/ledger/parked-events").jsonPath()
                .getList("items.findAll { it.key == '%s' }".formatted(org.id)), "none waits any more");
    }

    @Test
    void anUnreadableRecordIsParkedAtOnceAndHoldsNothingBack() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        LedgerFixture.sendRaw(org.id.toString(), "this is not a cloud event");
        LedgerFixture.sendRaw(org.id.toString(),
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"dev.teamcredits.team.unknown.v9\",\"data\":{}}");
        User ben = org.join("ben", false, null);
        as(ben).get("/v1/orgs/{o}/balances", org.id).then().statusCode(200);
        LedgerFixture.await("parked", () -> parkedOf(org).size() == 2);
        List<Map<String, Object>> parked = parkedOf(org);
        assertEquals(List.of("UNREADABLE", "UNREADABLE"), parked.stream().map(p -> p.get("reason")).toList());
        assertEquals(List.of(0, 0), parked.stream().map(p -> p.get("attempts")).toList());
    }

    private static List<Map<String, Object>> parkedOf(Org org) {
        return operator().queryParam("limit", 500)
                .get("/v1/operator/ledger/parked-events").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.key == '%s' }".formatted(org.id));
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return as(LedgerFixture.operator());
    }

    private void sql(String statement) {
        db.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }
}
