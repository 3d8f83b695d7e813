package dev.teamcredits.team;

import static dev.teamcredits.team.TeamApi.accept;
import static dev.teamcredits.team.TeamApi.as;
import static dev.teamcredits.team.TeamApi.createOrg;
import static dev.teamcredits.team.TeamApi.invite;
import static dev.teamcredits.team.TeamApi.join;
import static dev.teamcredits.team.TeamApi.newDomain;
import static dev.teamcredits.team.TeamApi.user;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.teamcredits.team.TeamApi.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InvitationApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool db;

    @Test
    void inviteeAcceptsWithOwnTokenAndJoinsWithTheInvitedRoleAndPoolAccess() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");

        String invitationId = as(ada).body(Map.of("email", ben.email().toUpperCase(), "role", "MEMBER", "poolAccess", true))
                .post("/v1/orgs/{org}/invitations", orgId).then().statusCode(201)
                .body("email", equalTo(ben.email()))
                .body("status", equalTo("PENDING"))
                .body("role", equalTo("MEMBER"))
                .extract().path("id");
        as(ben).get("/v1/me/invitations").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(invitationId)).body("items[0].orgId", equalTo(orgId));

        as(ben).post("/v1/invitations/{id}/accept", invitationId).then().statusCode(201)
                .body("userId", equalTo(ben.subject()))
                .body("role", equalTo("MEMBER"))
                .body("pool.access", equalTo(true));
        as(ben).get("/v1/me/orgs").then().body("items[0].orgId", equalTo(orgId)).body("items[0].role", equalTo("MEMBER"));
        as(ada).get("/v1/orgs/{org}/invitations", orgId).then().body("items[0].status", equalTo("ACCEPTED"));
        as(ben).get("/v1/me/invitations").then().body("items", hasSize(0));

        as(ben).post("/v1/invitations/{id}/accept", invitationId).then().statusCode(409);
    }

    @Test
    void acceptingWithAnotherEmailIsForbiddenAndJoinsNobody() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        User mallory = user("mallory", domain);
        String orgId = createOrg(ada, "PRO");
        String invitationId = invite(ada, orgId, ben.email(), "ADMIN");

        as(mallory).post("/v1/invitations/{id}/accept", invitationId).then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:invitation-email-mismatch"));
        as(TeamApi.service()).post("/v1/invitations/{id}/accept", invitationId).then().statusCode(403);
        as(mallory).get("/v1/me/orgs").then().body("items", hasSize(0));
        as(ada).get("/v1/orgs/{org}/members", orgId).then().body("items", hasSize(1));
        accept(ben, invitationId);
    }

    @Test
    void unknownInvitationIsNotFound() {
        User ben = user("ben", newDomain());
        as(ben).post("/v1/invitations/{id}/accept", UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("urn:team-credits:problem:invitation-not-found"));
        as(ben).post("/v1/invitations/{id}/accept", "nope").then().statusCode(404);
    }

    @Test
    void sameDomainRuleIsEnforcedAtInviteTimeAndCanBeSwitchedOff() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "PRO");

        as(ada).body(Map.of("email", "dan@" + newDomain(), "role", "MEMBER"))
                .post("/v1/orgs/{org}/invitations", orgId).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:invitee-domain-mismatch"))
                .body("domain", equalTo(domain));
        as(ada).get("/v1/orgs/{org}/invitations", orgId).then().body("items", hasSize(0));

        as(ada).body(Map.of("sameDomainOnly", false)).patch("/v1/orgs/{id}/settings", orgId).then().statusCode(200);
        User dan = user("dan", newDomain());
        join(ada, orgId, dan, "MEMBER");
        as(ada).get("/v1/orgs/{org}/members", orgId).then().body("items", hasSize(2));
    }

    @Test
    void sixthSeatOnProIsRefusedNamingTheLimitAndPendingInvitationsCount() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "PRO");
        join(ada, orgId, user("m1", domain), "MEMBER");
        join(ada, orgId, user("m2", domain), "MEMBER");
        invite(ada, orgId, "p1@" + domain, "MEMBER");
        String pending = invite(ada, orgId, "p2@" + domain, "MEMBER");

        as(ada).body(Map.of("email", "sixth@" + domain, "role", "MEMBER"))
                .post("/v1/orgs/{org}/invitations", orgId).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:member-limit-reached"))
                .body("limit", equalTo(5))
                .body("plan", equalTo("PRO"));

        // Revoking frees the seat.
        as(ada).delete("/v1/orgs/{org}/invitations/{id}", orgId, pending).then().statusCode(200)
                .body("status", equalTo("REVOKED"));
        invite(ada, orgId, "sixth@" + domain, "MEMBER");
    }

    @Test
    void concurrentInvitesNeverExceedTheLimit() throws Exception {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "PRO");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            var statuses = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 10; i++) {
                String email = "c" + i + "@" + domain;
                futures.add(pool.submit(() -> statuses.add(as(ada).body(Map.of("email", email, "role", "MEMBER"))
                        .post("/v1/orgs/{org}/invitations", orgId).statusCode())));
            }
            for (var f : futures) {
                f.get();
            }
            org.junit.jupiter.api.Assertions.assertEquals(4, statuses.stream().filter(s -> s == 201).count(),
                    "4 seats were free: " + statuses);
            org.junit.jupiter.api.Assertions.assertEquals(6, statuses.stream().filter(s -> s == 409).count());
        } finally {
            pool.shutdownNow();
        }
        as(ada).get("/v1/orgs/{org}/invitations", orgId).then().body("items", hasSize(4));
    }

    @Test
    void expiredInvitationCannotBeAcceptedFreesItsSeatAndCanBeRenewed() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");
        String invitationId = invite(ada, orgId, ben.email(), "MEMBER");
        as(ada).body(Map.of("email", ben.email(), "role", "MEMBER")).post("/v1/orgs/{org}/invitations", orgId)
                .then().statusCode(409).body("type", equalTo("urn:team-credits:problem:invitation-exists"));

        expire(invitationId);

        as(ben).post("/v1/invitations/{id}/accept", invitationId).then().statusCode(410)
                .body("type", equalTo("urn:team-credits:problem:invitation-expired"));
        as(ada).get("/v1/orgs/{org}/invitations", orgId).then().body("items[0].status", equalTo("EXPIRED"));
        for (int i = 0; i < 4; i++) {
            invite(ada, orgId, "f" + i + "@" + domain, "MEMBER");
        }
        // The expired invitation held no seat; renewing it needs one and the org is now full.
        as(ada).body(Map.of("email", ben.email(), "role", "MEMBER")).post("/v1/orgs/{org}/invitations", orgId)
                .then().statusCode(409).body("type", equalTo("urn:team-credits:problem:member-limit-reached"));
        as(ada).get("/v1/orgs/{org}/invitations", orgId).then().body("items", hasSize(5));
    }

    @Test
    void expiredInvitationCanBeRenewed() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");
        expire(invite(ada, orgId, ben.email(), "MEMBER"));
        String renewed = invite(ada, orgId, ben.email(), "ADMIN");
        accept(ben, renewed);
        as(ben).get("/v1/me/orgs").then().body("items[0].role", equalTo("ADMIN"));
    }

    @Test
    void onlyAdminsManageInvitations() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");
        join(ada, orgId, ben, "MEMBER");
        String pending = invite(ada, orgId, "x@" + domain, "MEMBER");

        as(ben).body(Map.of("email", "y@" + domain, "role", "MEMBER")).post("/v1/orgs/{org}/invitations", orgId)
                .then().statusCode(403).body("type", equalTo("urn:team-credits:problem:admin-required"));
        as(ben).get("/v1/orgs/{org}/invitations", orgId).then().statusCode(403);
        as(ben).delete("/v1/orgs/{org}/invitations/{id}", orgId, pending).then().statusCode(403);
        as(ada).get("/v1/orgs/{org}/invitations", orgId).then().body("items.find { it.id == '%s' }.status".formatted(pending),
                equalTo("PENDING"));
    }

    @Test
    void revokedInvitationCannotBeAcceptedOrRevokedAgain() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");
        String invitationId = invite(ada, orgId, ben.email(), "MEMBER");
        as(ada).delete("/v1/orgs/{org}/invitations/{id}", orgId, invitationId).then().statusCode(200);
        as(ada).delete("/v1/orgs/{org}/invitations/{id}", orgId, invitationId).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:invitation-not-pending"))
                .body("status", equalTo(409)).body("invitationStatus", equalTo("REVOKED"));
        as(ben).post("/v1/invitations/{id}/accept", invitationId).then().statusCode(409);
        as(ben).get("/v1/me/orgs").then().body("items", hasSize(0));
    }

    @Test
    void existingMemberCannotBeInvitedAgain() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "PRO");
        as(ada).body(Map.of("email", ada.email(), "role", "MEMBER")).post("/v1/orgs/{org}/invitations", orgId)
                .then().statusCode(409).body("type", equalTo("urn:team-credits:problem:already-member"));
    }

    @Test
    void malformedInvitationsAreBadRequests() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "PRO");
        for (String body : new String[] { "{}", "{\"email\":\"not-an-email\",\"role\":\"MEMBER\"}",
                "{\"email\":\"a@" + domain + "\",\"role\":\"OWNER\"}", "{\"email\":\"a@" + domain + "\"}",
                "{\"email\":\"a@" + domain + "\",\"role\":\"MEMBER\",\"poolAccess\":\"yes\"}" }) {
            as(ada).body(body).post("/v1/orgs/{org}/invitations", orgId).then().statusCode(400).contentType(PROBLEM);
        }
        as(ada).get("/v1/orgs/{org}/invitations", orgId).then().body("items", hasSize(0));
    }

    @Test
    void acceptIsIdempotentWithAKey() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");
        String invitationId = invite(ada, orgId, ben.email(), "MEMBER");
        as(ben).header("Idempotency-Key", "accept-1").post("/v1/invitations/{id}/accept", invitationId)
                .then().statusCode(201);
        as(ben).header("Idempotency-Key", "accept-1").post("/v1/invitations/{id}/accept", invitationId)
                .then().statusCode(201).header("Idempotency-Replayed", "true").body("userId", equalTo(ben.subject()));
        as(ada).get("/v1/orgs/{org}/members", orgId).then().body("items", hasSize(2));
    }

    @Test
    void inviteIsIdempotentWithAKey() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "PRO");
        Map<String, Object> body = Map.of("email", "ben@" + domain, "role", "MEMBER", "poolAccess", true);
        String first = as(ada).header("Idempotency-Key", "invite-1").body(body)
                .post("/v1/orgs/{org}/invitations", orgId).then().statusCode(201).extract().path("id");
        as(ada).header("Idempotency-Key", "invite-1").body(body).post("/v1/orgs/{org}/invitations", orgId)
                .then().statusCode(201).header("Idempotency-Replayed", "true")
                .header("Location", org.hamcrest.Matchers.endsWith("/invitations/" + first))
                .body("id", equalTo(first)).body("status", equalTo("PENDING")).body("poolAccess", equalTo(true));
        as(ada).header("Idempotency-Key", "invite-1").body(Map.of("email", "cleo@" + domain, "role", "MEMBER"))
                .post("/v1/orgs/{org}/invitations", orgId).then().statusCode(422)
                .body("type", equalTo("urn:team-credits:problem:idempotency-key-reused"));
        as(ada).get("/v1/orgs/{org}/invitations", orgId).then().body("items", hasSize(1));
    }

    private void expire(String invitationId) {
        db.preparedQuery("UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(invitationId))).await().atMost(Duration.ofSeconds(5));
    }
}
