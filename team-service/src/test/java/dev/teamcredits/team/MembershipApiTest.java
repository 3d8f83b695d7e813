package dev.teamcredits.team;

import static dev.teamcredits.team.TeamApi.as;
import static dev.teamcredits.team.TeamApi.createOrg;
import static dev.teamcredits.team.TeamApi.join;
import static dev.teamcredits.team.TeamApi.newDomain;
import static dev.teamcredits.team.TeamApi.user;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.teamcredits.team.TeamApi.User;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class MembershipApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void lastAdminCanBeNeitherDemotedNorRemoved() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");
        join(ada, orgId, ben, "MEMBER");

        as(ada).body(Map.of("role", "MEMBER")).put("/v1/orgs/{o}/members/{u}/role", orgId, ada.subject())
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("urn:team-credits:problem:last-admin"));
        as(ada).delete("/v1/orgs/{o}/members/{u}", orgId, ada.subject()).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:last-admin"));

        // With a second admin, the first may step down.
        as(ada).body(Map.of("role", "ADMIN")).put("/v1/orgs/{o}/members/{u}/role", orgId, ben.subject())
                .then().statusCode(200).body("role", equalTo("ADMIN"));
        as(ada).body(Map.of("role", "MEMBER")).put("/v1/orgs/{o}/members/{u}/role", orgId, ada.subject())
                .then().statusCode(200).body("role", equalTo("MEMBER"));
        as(ben).delete("/v1/orgs/{o}/members/{u}", orgId, ben.subject()).then().statusCode(409);
        as(ben).get("/v1/orgs/{o}/members", orgId).then()
                .body("items.find { it.userId == '%s' }.role".formatted(ben.subject()), equalTo("ADMIN"));
    }

    @Test
    void adminRemovesAMemberWhoThenLosesAccess() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");
        join(ada, orgId, ben, "MEMBER");

        as(ada).delete("/v1/orgs/{o}/members/{u}", orgId, ben.subject()).then().statusCode(204);
        as(ben).get("/v1/orgs/{o}", orgId).then().statusCode(404);
        as(ben).get("/v1/me/orgs").then().body("items", hasSize(0));
        as(ada).delete("/v1/orgs/{o}/members/{u}", orgId, ben.subject()).then().statusCode(404)
                .body("type", equalTo("urn:team-credits:problem:member-not-found"));
        as(ada).get("/v1/orgs/{o}/members", orgId).then().body("items", hasSize(1));
    }

    @Test
    void membersCannotTakeAdminActions() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        User cleo = user("cleo", domain);
        String orgId = createOrg(ada, "PRO");
        join(ada, orgId, ben, "MEMBER");
        join(ada, orgId, cleo, "MEMBER");

        as(ben).delete("/v1/orgs/{o}/members/{u}", orgId, cleo.subject()).then().statusCode(403)
                .body("type", equalTo("urn:team-credits:problem:admin-required"));
        as(ben).body(Map.of("role", "ADMIN")).put("/v1/orgs/{o}/members/{u}/role", orgId, ben.subject())
                .then().statusCode(403);
        as(ben).body(Map.of("enabled", true)).put("/v1/orgs/{o}/members/{u}/pool-access", orgId, ben.subject())
                .then().statusCode(403);
        as(ben).body(Map.of("cap", 10)).put("/v1/orgs/{o}/members/{u}/pool-cap", orgId, cleo.subject())
                .then().statusCode(403);
        as(ben).delete("/v1/orgs/{o}/members/{u}/pool-cap", orgId, cleo.subject()).then().statusCode(403);

        as(ada).get("/v1/orgs/{o}/members", orgId).then().body("items", hasSize(3))
                .body("items.find { it.userId == '%s' }.role".formatted(ben.subject()), equalTo("MEMBER"))
                .body("items.find { it.userId == '%s' }.pool.access".formatted(ben.subject()), equalTo(false));
    }

    @Test
    void poolAccessAndCapAreSetPerMemberAndVisibleToAdminsAndTheMemberOnly() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        User cleo = user("cleo", domain);
        String orgId = createOrg(ada, "PRO");
        join(ada, orgId, ben, "MEMBER");
        join(ada, orgId, cleo, "MEMBER");

        as(ada).body(Map.of("enabled", true)).put("/v1/orgs/{o}/members/{u}/pool-access", orgId, ben.subject())
                .then().statusCode(200).body("pool.access", equalTo(true)).body("pool.cap", nullValue());
        as(ada).body(Map.of("cap", 250)).put("/v1/orgs/{o}/members/{u}/pool-cap", orgId, ben.subject())
                .then().statusCode(200).body("pool.cap", equalTo(250));

        as(ben).get("/v1/orgs/{o}/members", orgId).then().statusCode(200)
                .body("items.find { it.userId == '%s' }.pool.cap".formatted(ben.subject()), equalTo(250))
                .body("items.find { it.userId == '%s' }.pool".formatted(cleo.subject()), nullValue())
                .body("items.find { it.userId == '%s' }.pool".formatted(ada.subject()), nullValue())
                .body("items.find { it.userId == '%s' }.email".formatted(cleo.subject()), equalTo(cleo.email()));
        as(ada).get("/v1/orgs/{o}/members", orgId).then()
                .body("items.find { it.userId == '%s' }.pool.access".formatted(cleo.subject()), equalTo(false));

        as(ada).delete("/v1/orgs/{o}/members/{u}/pool-cap", orgId, ben.subject()).then().statusCode(200)
                .body("pool.cap", nullValue()).body("pool.access", equalTo(true));
        as(ada).body(Map.of("cap", 0)).put("/v1/orgs/{o}/members/{u}/pool-cap", orgId, ben.subject())
                .then().statusCode(200).body("pool.cap", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"cap\":-1}", "{\"cap\":1.5}", "{\"cap\":\"100\"}", "{\"cap\":1000000000001}",
            "{\"cap\":99999999999999999999999}", "{}", "{\"cap\":null}", "{\"limit\":5}" })
    void invalidCapsAreBadRequestsAndChangeNothing(String body) {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");
        join(ada, orgId, ben, "MEMBER");
        as(ada).body(Map.of("cap", 40)).put("/v1/orgs/{o}/members/{u}/pool-cap", orgId, ben.subject()).then().statusCode(200);

        as(ada).body(body).put("/v1/orgs/{o}/members/{u}/pool-cap", orgId, ben.subject())
                .then().statusCode(400).contentType(PROBLEM);
        as(ada).get("/v1/orgs/{o}/members", orgId).then()
                .body("items.find { it.userId == '%s' }.pool.cap".formatted(ben.subject()), equalTo(40));
    }

    @Test
    void invalidRoleOrPoolAccessBodiesAreBadRequests() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "PRO");
        as(ada).body("{\"role\":\"OWNER\"}").put("/v1/orgs/{o}/members/{u}/role", orgId, ada.subject())
                .then().statusCode(400);
        as(ada).body("{\"enabled\":1}").put("/v1/orgs/{o}/members/{u}/pool-access", orgId, ada.subject())
                .then().statusCode(400);
        as(ada).body("{}").put("/v1/orgs/{o}/members/{u}/pool-access", orgId, ada.subject()).then().statusCode(400);
    }

    @Test
    void unknownMemberIsNotFound() {
        User ada = user("ada", newDomain());
        String orgId = createOrg(ada, "PRO");
        as(ada).body(Map.of("role", "ADMIN")).put("/v1/orgs/{o}/members/{u}/role", orgId, "nobody")
                .then().statusCode(404).body("type", equalTo("urn:team-credits:problem:member-not-found"));
    }
}
