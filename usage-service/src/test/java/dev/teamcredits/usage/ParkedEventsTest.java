package dev.teamcredits.usage;

import static dev.teamcredits.usage.UsageFixture.as;
import static dev.teamcredits.usage.UsageFixture.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.local.TestTokens;
import dev.teamcredits.usage.UsageFixture.Org;
import dev.teamcredits.usage.UsageFixture.User;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Poison events: a readable event that cannot be applied (here a real constraint in the database, a trigger that
 * rejects one member's counters) is tried {@code teamcredits.consumers.attempts} (3 in tests) times, parked, and the
 * partition goes on; the operator sees it in the list and the metric and re-drives it once the cause is fixed,
 * exactly once. A transient database error (a serialization failure) is retried however often it happens and parks
 * nothing. An unreadable record is parked at once.
 */
@QuarkusTest
class ParkedEventsTest {

    private static final String OPERATOR = TestTokens.mint(Map.of("sub", "ops-" + UUID.randomUUID(), "azp",
            "ops-console"));

    @Inject
    Pool db;

    @BeforeEach
    void poisonTrigger() {
        sql("CREATE TABLE IF NOT EXISTS test_poison (user_id text PRIMARY KEY, errcode text NOT NULL, "
                + "failures bigint NOT NULL, calls text NOT NULL)");
        // Each call counts on a sequence, which a rolled-back transaction does not undo.
        sql("""
                CREATE OR REPLACE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE p test_poison;
                BEGIN
                    SELECT * INTO p FROM test_poison WHERE user_id = NEW.user_id;
                    IF FOUND AND nextval(p.calls::regclass) <= p.failures THEN
                        RAISE EXCEPTION 'counters of % rejected', NEW.user_id USING ERRCODE = p.errcode;
                    END IF;
                    RETURN NEW;
                END $$""");
        sql("CREATE OR REPLACE TRIGGER test_poison BEFORE INSERT OR UPDATE ON member_cycle_usage "
                + "FOR EACH ROW EXECUTE FUNCTION test_poison()");
    }

    @Test
    void aSpendThatKeepsFailingIsParkedAfterItsRetriesTheStreamGoesOnAndARedriveAppliesItOnce() {
        Org org = Org.create(100);
        User bad = org.join("bad");
        User good = org.join("good");
        String calls = reject(bad, "23514", Long.MAX_VALUE); // check_violation: the event's own fault
        CreditsSpent poison = org.spend(bad, "PAGE_SCRAPE", 2, 0, 0, 98, Instant.now());
        String poisonRecord = UsageFixture.record(poison);
        UsageFixture.sendRaw(Topics.LEDGER, List.<String[]>of(new String[] { org.id.toString(), poisonRecord },
                new String[] { org.id.toString(), UsageFixture.record(org.spend(good, "PAGE_SCRAPE", 1, 0, 0, 97,
                        Instant.now())) }));

        UsageFixture.await("the later event on the same partition", () -> UsageFixture.ownSpends(good, org.id) == 1);
        UsageFixture.await("parked", () -> parked(poison.transactionId()) != null);
        Map<String, Object> row = parked(poison.transactionId());
        long id = ((Number) row.get("id")).longValue();
        assertEquals("FAILED", row.get("reason"));
        assertEquals(3, row.get("attempts"), "the configured attempts");
        assertEquals(3L, sequence(calls), "tried exactly the configured number of times");
        assertEquals(Topics.LEDGER, row.get("topic"));
        assertEquals(org.id.toString(), row.get("key"));
        assertTrue(((String) row.get("error")).contains("rejected"), row::toString);
        assertEquals(0, UsageFixture.ownSpends(bad, org.id), "not counted");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("teamcredits_events_parked_total{reason=\"failed\",topic=\"ledger.events\"}"));

        // Only operators re-drive; while the cause stays, the event stays parked.
        as(bad).post("/v1/operator/usage/parked-events/{id}/redrive", id).then().statusCode(403);
        operator().post("/v1/operator/usage/parked-events/{id}/redrive", id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:team-credits:problem:parked-event-still-fails"));
        assertEquals(4, parked(poison.transactionId()).get("attempts"));
        assertEquals(0, UsageFixture.ownSpends(bad, org.id));

        // The cause fixed, the re-drive applies it; again, and a redelivery of the record, change nothing.
        sql("DELETE FROM test_poison WHERE user_id = '" + bad.subject() + "'");
        operator().post("/v1/operator/usage/parked-events/{id}/redrive", id).then().statusCode(200)
                .body("redriven[0].id", equalTo((int) id)).body("redriven[0].redrivenAt", notNullValue());
        assertEquals(1, UsageFixture.ownSpends(bad, org.id));
        operator().post("/v1/operator/usage/parked-events/{id}/redrive", id).then().statusCode(200);
        UsageFixture.sendRaw(Topics.LEDGER, List.<String[]>of(new String[] { org.id.toString(), poisonRecord },
                new String[] { org.id.toString(), UsageFixture.record(org.spend(good, "PAGE_SCRAPE", 1, 0, 0, 96,
                        Instant.now())) }));
        UsageFixture.await("the stream after the redelivery", () -> UsageFixture.ownSpends(good, org.id) == 2);
        assertEquals(1, UsageFixture.ownSpends(bad, org.id), "applied exactly once");
        as(org.admin).get("/v1/orgs/{o}/usage", org.id).then()
                .body("members.find { it.userId == '%s' }.creditsUsed".formatted(bad.subject()), equalTo(2));
        assertEquals(1, operator().queryParam("all", true).queryParam("limit", 500)
                .get("/v1/operator/usage/parked-events").jsonPath()
                .getList("items.findAll { it.eventId == '%s' }".formatted(eventIdOf(poison.transactionId()))).size(),
                "parked once, though delivered again");
        given().get("/q/metrics").then()
                .body(containsString("teamcredits_events_redriven_total{topic=\"ledger.events\"}"));

        operator().post("/v1/operator/usage/parked-events/{id}/redrive", 987654321L).then().statusCode(404)
                .contentType("application/problem+json");
        operator().post("/v1/operator/usage/parked-events/{id}/redrive", "not-a-number").then().statusCode(404);
    }

    @Test
    void aTransientDatabaseErrorIsRetriedWithoutLimitAndParksNothing() {
        Org org = Org.create(100);
        User flaky = org.join("flaky");
        String calls = reject(flaky, "40001", 6); // serialization_failure, twice as often as the attempts
        CreditsSpent spend = org.spend(flaky, "PAGE_SCRAPE", 1, 0, 0, 99, Instant.now());
        send(spend);
        UsageFixture.await("applied once the database lets it", () -> UsageFixture.ownSpends(flaky, org.id) == 1);
        assertEquals(7L, sequence(calls), "six transient failures, then applied");
        assertEquals(null, parked(spend.transactionId()), "a transient error is not the event's fault");
    }

    @Test
    void anUnreadableRecordIsParkedAtOnceAndTheStreamGoesOn() {
        Org org = Org.create(100);
        User ben = org.join("ben");
        UsageFixture.sendRaw(Topics.LEDGER,
                List.<String[]>of(new String[] { org.id.toString(), "{\"not\":\"a cloud event\"}" }));
        send(org.spend(ben, "PAGE_SCRAPE", 2, 0, 0, 98, Instant.now()));
        UsageFixture.await("after the unreadable record", () -> UsageFixture.ownSpends(ben, org.id) == 1);
        UsageFixture.await("parked", () -> operator().queryParam("limit", 500)
                .get("/v1/operator/usage/parked-events").jsonPath()
                .getList("items.findAll { it.key == '%s' && it.reason == 'UNREADABLE' }".formatted(org.id)).size() == 1);
        JsonPath list = operator().queryParam("limit", 500).get("/v1/operator/usage/parked-events").jsonPath();
        assertEquals(0, list.getInt("items.find { it.key == '%s' }.attempts".formatted(org.id)), "not retried");
        given().get("/q/metrics").then()
                .body(containsString("teamcredits_events_parked_total{reason=\"unreadable\",topic=\"ledger.events\"}"));
        as(ben).queryParam("limit", 500).get("/v1/operator/usage/parked-events").then().statusCode(403)
                .body("type", equalTo("urn:team-credits:problem:operator-required"));
    }

    @Test
    void theParkedEventsArePagedOldestFirstAndACursorBelongsToItsList() {
        Org org = Org.create(100);
        List<String[]> unreadable = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            unreadable.add(new String[] { org.id.toString(), "{\"not\":\"a cloud event " + i + "\"}" });
        }
        UsageFixture.sendRaw(Topics.LEDGER, unreadable);
        UsageFixture.await("five parked", () -> operator().queryParam("limit", 500)
                .get("/v1/operator/usage/parked-events").jsonPath()
                .getList("items.findAll { it.key == '%s' }".formatted(org.id)).size() == 5);
        List<Long> whole = operator().queryParam("limit", 500).get("/v1/operator/usage/parked-events").jsonPath()
                .getList("items.id", Long.class);

        List<Long> paged = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = operator().queryParam("limit", 2);
            if (cursor != null) {
                page = page.queryParam("cursor", cursor);
            }
            JsonPath body = page.get("/v1/operator/usage/parked-events").then().statusCode(200).extract().jsonPath();
            paged.addAll(body.getList("items.id", Long.class));
            cursor = body.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 1_000);
        assertEquals(whole, paged, "pages of two join up to the whole list, oldest first, none twice or missing");
        assertEquals(whole.stream().sorted().toList(), whole, "oldest first");

        String waitingCursor = operator().queryParam("limit", 1).get("/v1/operator/usage/parked-events").jsonPath()
                .getString("nextCursor");
        operator().queryParam("all", true).queryParam("cursor", waitingCursor).get("/v1/operator/usage/parked-events")
                .then().statusCode(400).body("type", equalTo("urn:team-credits:problem:invalid-cursor"));
        operator().queryParam("cursor", "not-a-cursor").get("/v1/operator/usage/parked-events").then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:invalid-cursor"));
        operator().queryParam("limit", 501).get("/v1/operator/usage/parked-events").then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:invalid-limit"));
    }

    /** Makes the member's counters fail with {@code errcode} for the next {@code failures} writes; returns the count. */
    private String reject(User user, String errcode, long failures) {
        String calls = "poison_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SEQUENCE " + calls);
        db.preparedQuery("INSERT INTO test_poison VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(user.subject(), errcode, failures, calls)).await().atMost(Duration.ofSeconds(10));
        return calls;
    }

    private long sequence(String name) {
        return db.query("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + name).execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    /** The parked row of the spend's event, as the operator endpoint lists it, or null. */
    private Map<String, Object> parked(UUID transactionId) {
        String eventId = eventIdOf(transactionId);
        return eventId == null ? null : operator().queryParam("all", true).queryParam("limit", 500)
                .get("/v1/operator/usage/parked-events")
                .jsonPath().getMap("items.find { it.eventId == '%s' }".formatted(eventId));
    }

    /** The id of the event that carried the spend, from the parked payload. */
    private String eventIdOf(UUID transactionId) {
        var rows = db.preparedQuery("SELECT payload FROM parked_event WHERE payload LIKE $1")
                .execute(Tuple.of("%" + transactionId + "%")).await().atMost(Duration.ofSeconds(10));
        if (rows.size() == 0) {
            return null;
        }
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(rows.iterator().next().getString(0));
        return m.find() ? m.group(1) : null;
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().auth().oauth2(OPERATOR);
    }

    private void sql(String statement) {
        db.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }
}
