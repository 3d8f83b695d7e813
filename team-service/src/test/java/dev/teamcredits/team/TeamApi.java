package dev.teamcredits.team;

import static io.restassured.RestAssured.given;

import dev.teamcredits.local.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Test users with real signed tokens, and the calls most tests start with. */
final class TeamApi {

    private TeamApi() {
    }

    record User(String subject, String email, String token) {
    }

    /** A fresh email domain, so tests never see each other's orgs or invitations. */
    static String newDomain() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    static User user(String name, String domain) {
        String subject = name + "-" + UUID.randomUUID();
        String email = name + "@" + domain;
        return new User(subject, email, TestTokens.mint(Map.of("sub", subject, "email", email, "name", name)));
    }

    /** A backend's client-credentials token: no email. */
    static User service() {
        String subject = "service-account-" + UUID.randomUUID();
        return new User(subject, null, TestTokens.mint(Map.of("sub", subject, "azp", "scraper-backend")));
    }

    static RequestSpecification as(User user) {
        return given().auth().oauth2(user.token()).contentType(ContentType.JSON);
    }

    static String createOrg(User admin, String plan) {
        return as(admin).body(Map.of("name", "Org of " + admin.email(), "plan", plan))
                .post("/v1/orgs").then().statusCode(201).extract().path("id");
    }

    static String invite(User admin, String orgId, String email, String role) {
        return as(admin).body(Map.of("email", email, "role", role))
                .post("/v1/orgs/{org}/invitations", orgId).then().statusCode(201).extract().path("id");
    }

    static void accept(User invitee, String invitationId) {
        as(invitee).post("/v1/invitations/{id}/accept", invitationId).then().statusCode(201);
    }

    /** Invites and accepts: {@code member} joins {@code orgId} with {@code role}. */
    static void join(User admin, String orgId, User member, String role) {
        accept(member, invite(admin, orgId, member.email(), role));
    }
}
