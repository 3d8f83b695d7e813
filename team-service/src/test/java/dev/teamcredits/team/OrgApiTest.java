package dev.teamcredits.team;

import static dev.teamcredits.team.TeamApi.as;
import static dev.teamcredits.team.TeamApi.createOrg;
import static dev.teamcredits.team.TeamApi.join;
import static dev.teamcredits.team.TeamApi.newDomain;
import static dev.teamcredits.team.TeamApi.user;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.teamcredits.team.TeamApi.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class OrgApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void creatorBecomesAdminWithPoolAccessAndSeesPlanTermsAndSettings() {
        User ada = user("ada", newDomain());
        var created = as(ada).body(Map.of("name", "  Acme  ", "plan", "PRO")).post("/v1/orgs");
        String orgId = created.then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/orgs/" + created.path("id")))
                .body("name", equalTo("Acme"))
                .body("plan", equalTo("PRO"))
                .body("yourRole", equalTo("ADMIN"))
                .body("memberCount", equalTo(1))
                .body("terms.memberLimit", equalTo(5))
                .body("terms.monthlyAllocation", equalTo(1000))
                .body("terms.rollover", equalTo(false))
                .body("settings.personalFallback", equalTo(true))
                .body("settings.sameDomainOnly", equalTo(true))
                .extract().path("id");

        as(ada).get("/v1/orgs/{id}/members", orgId).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].userId", equalTo(ada.subject()))
                .body("items[0].email", equalTo(ada.email()))
                .body("items[0].role", equalTo("ADMIN"))
                .body("items[0].pool.access", equalTo(true))
                .body("items[0].pool.cap", nullValue());
    }

    @Test
    void basicPlanIsRefusedAndCreatesNothing() {
        User ada = user("ada", newDomain());
        as(ada).body(Map.of("name", "Solo", "plan", "BASIC")).post("/v1/orgs")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:team-plan-required"))
                .body("detail", containsString("BASIC"));
        as(ada).get("/v1/me/orgs").then().statusCode(200).body("items", hasSize(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"name\":\"Acme\"}",
            "{\"plan\":\"PRO\"}",
            "{\"name\":\"   \",\"plan\":\"PRO\"}",
            "{\"name\":\"Acme\",\"plan\":\"GOLD\"}",
            "{\"name\":\"Acme\",\"plan\":7}",
            "{\"name\":42,\"plan\":\"PRO\"}",
            "{\"name\":\"Acme\",\"plan\":\"PRO\",\"extra\":true}",
            "{\"name\":\"Acme\",\"plan\":\"PRO\"",
            "[]",
            "null",
            "not json" })
    void malformedBodiesAreBadRequestsAndCreateNothing(String body) {
        User ada = user("ada", newDomain());
        as(ada).body(body).post("/v1/orgs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", org.hamcrest.Matchers.anyOf(equalTo("urn:team-credits:problem:malformed-request"),
                        equalTo("urn:team-credits:problem:validation-failed")))
                .body("detail", notNullValue());
        as(ada).get("/v1/me/orgs").then().body("items", hasSize(0));
    }

    @Test
    void unknownPlanNamesTheAcceptedValues() {
        as(user("ada", newDomain())).body("{\"name\":\"Acme\",\"plan\":\"GOLD\"}").post("/v1/orgs")
                .then().statusCode(400).body("detail", containsString("PRO_PLUS"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        given().auth().oauth2(user("ada", newDomain()).token()).contentType(ContentType.TEXT).body("name=Acme")
                .post("/v1/orgs").then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void serviceTokenCannotCreateOrgs() {
        as(TeamApi.service()).body(Map.of("name", "Bots", "plan", "PRO")).post("/v1/orgs")
                .then().statusCode(403).body("type", equalTo("urn:team-credits:problem:user-token-required"));
    }

    @Test
    void anotherOrgIsNotFoundAndLooksLikeAMissingOne() {
        User ada = user("ada", newDomain());
        User eve = user("eve", newDomain());
        String orgId = createOrg(ada, "PRO");
        String otherOrg = createOrg(eve, "PRO");

        for (String id : new String[] { otherOrg, UUID.randomUUID().toString(), "not-a-uuid" }) {
            as(ada).get("/v1/orgs/{id}", id).then().statusCode(404).contentType(PROBLEM)
                    .body("type", equalTo("urn:team-credits:problem:org-not-found"));
            as(ada).get("/v1/orgs/{id}/members", id).then().statusCode(404);
            as(ada).body(Map.of("plan", "PRO_PLUS")).put("/v1/orgs/{id}/plan", id).then().statusCode(404);
            as(ada).body(Map.of("email", "x@" + newDomain(), "role", "MEMBER"))
                    .post("/v1/orgs/{id}/invitations", id).then().statusCode(404);
        }
        as(eve).get("/v1/orgs/{id}", orgId).then().statusCode(404);
        as(eve).get("/v1/orgs/{id}", otherOrg).then().statusCode(200).body("plan", equalTo("PRO"));
    }

    @Test
    void membersSeeTheOrgButNotItsSettingsAndCannotChangeIt() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");
        join(ada, orgId, ben, "MEMBER");

        as(ben).get("/v1/orgs/{id}", orgId).then().statusCode(200)
                .body("yourRole", equalTo("MEMBER"))
                .body("memberCount", equalTo(2))
                .body("settings", nullValue());
        as(ben).body(Map.of("plan", "PRO_PLUS")).put("/v1/orgs/{id}/plan", orgId)
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo("urn:team-credits:problem:admin-required"));
        as(ben).body(Map.of("personalFallback", false)).patch("/v1/orgs/{id}/settings", orgId).then().statusCode(403);
        as(ada).get("/v1/orgs/{id}", orgId).then().body("plan", equalTo("PRO")).body("settings.personalFallback", equalTo(true));
    }

    @Test
    void planChangesFollowTheirRules() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "PRO");

        as(ada).body(Map.of("plan", "PRO_PLUS")).put("/v1/orgs/{id}/plan", orgId).then().statusCode(200)
                .body("plan", equalTo("PRO_PLUS")).body("terms.rollover", equalTo(true))
                .body("terms.monthlyAllocation", equalTo(5000));
        as(ada).body(Map.of("plan", "BASIC")).put("/v1/orgs/{id}/plan", orgId).then().statusCode(422)
                .body("type", equalTo("urn:team-credits:problem:team-plan-required"));
        as(ada).body(Map.of("plan", "ENTERPRISE")).put("/v1/orgs/{id}/plan", orgId).then().statusCode(200)
                .body("terms.memberLimit", equalTo(50));

        // Six seats in use (5 members + 1 pending invitation) do not fit PRO's five.
        for (int i = 0; i < 4; i++) {
            join(ada, orgId, user("m" + i, domain), "MEMBER");
        }
        TeamApi.invite(ada, orgId, "pending@" + domain, "MEMBER");
        as(ada).body(Map.of("plan", "PRO")).put("/v1/orgs/{id}/plan", orgId).then().statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:member-limit-reached"))
                .body("limit", equalTo(5))
                .body("detail", containsString("5"));
        as(ada).get("/v1/orgs/{id}", orgId).then().body("plan", equalTo("ENTERPRISE"));
    }

    @Test
    void settingsArePartialUpdatesAndAnEmptyOneIsABadRequest() {
        User ada = user("ada", newDomain());
        String orgId = createOrg(ada, "PRO");
        as(ada).body(Map.of("personalFallback", false)).patch("/v1/orgs/{id}/settings", orgId).then().statusCode(200)
                .body("settings.personalFallback", equalTo(false)).body("settings.sameDomainOnly", equalTo(true));
        as(ada).body(Map.of("sameDomainOnly", false)).patch("/v1/orgs/{id}/settings", orgId).then().statusCode(200)
                .body("settings.personalFallback", equalTo(false)).body("settings.sameDomainOnly", equalTo(false));
        as(ada).body("{}").patch("/v1/orgs/{id}/settings", orgId).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:validation-failed"));
        as(ada).body("{\"sameDomainOnly\":\"yes\"}").patch("/v1/orgs/{id}/settings", orgId).then().statusCode(400);
    }

    @Test
    void myOrgsListsEveryOrgTheCallerBelongsToWithTheirRole() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String first = createOrg(ada, "PRO");
        String second = createOrg(ben, "PRO_PLUS");
        join(ben, second, ada, "MEMBER");

        as(ada).get("/v1/me/orgs").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.orgId == '%s' }.role".formatted(first), equalTo("ADMIN"))
                .body("items.find { it.orgId == '%s' }.role".formatted(second), equalTo("MEMBER"))
                .body("items.find { it.orgId == '%s' }.plan".formatted(second), equalTo("PRO_PLUS"));
    }

    @Test
    void retryWithSameIdempotencyKeyReturnsTheSameOrgAndCreatesOne() {
        User ada = user("ada", newDomain());
        Map<String, String> body = Map.of("name", "Acme", "plan", "PRO");
        String first = as(ada).header("Idempotency-Key", "create-acme-1").body(body).post("/v1/orgs")
                .then().statusCode(201).extract().path("id");
        as(ada).header("Idempotency-Key", "create-acme-1").body(body).post("/v1/orgs")
                .then().statusCode(201).header("Idempotency-Replayed", "true").body("id", equalTo(first));
        as(ada).header("Idempotency-Key", "create-acme-1").body(Map.of("name", "Other", "plan", "PRO"))
                .post("/v1/orgs").then().statusCode(422)
                .body("type", equalTo("urn:team-credits:problem:idempotency-key-reused"));
        as(ada).get("/v1/me/orgs").then().body("items", hasSize(1));
        // Keys belong to the caller: another user's identical key is a separate request.
        User ben = user("ben", newDomain());
        as(ben).header("Idempotency-Key", "create-acme-1").body(body).post("/v1/orgs").then().statusCode(201)
                .body("id", org.hamcrest.Matchers.not(equalTo(first)));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneOrg() throws Exception {
        User ada = user("ada", newDomain());
        Map<String, String> body = Map.of("name", "Acme", "plan", "PRO");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> as(ada).header("Idempotency-Key", "same-key").body(body)
                        .post("/v1/orgs").then().statusCode(201).extract().<String>path("id")));
            }
            var ids = new java.util.HashSet<String>();
            for (var f : futures) {
                ids.add(f.get());
            }
            org.junit.jupiter.api.Assertions.assertEquals(1, ids.size(), "all retries must see one org: " + ids);
        } finally {
            pool.shutdownNow();
        }
        as(ada).get("/v1/me/orgs").then().body("items", hasSize(1));
    }

    @Test
    void invalidIdempotencyKeyIsABadRequest() {
        User ada = user("ada", newDomain());
        as(ada).header("Idempotency-Key", "x".repeat(201)).body(Map.of("name", "Acme", "plan", "PRO"))
                .post("/v1/orgs").then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:invalid-idempotency-key"));
        as(ada).get("/v1/me/orgs").then().body("items", hasSize(0));
    }
}
