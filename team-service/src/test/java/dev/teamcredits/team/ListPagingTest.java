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
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.team.TeamApi.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every list that can grow pages the same way: {@code {"items": [...], "nextCursor": "…" | null}}, {@code cursor} and
 * {@code limit} in the query; pages join up without duplicates or gaps, in a stable order, and a cursor of another
 * list is a 400.
 */
@QuarkusTest
class ListPagingTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TYPE = "urn:team-credits:problem:";

    /** One page as the service answered it. */
    private record Page(List<String> ids, String nextCursor) {
    }

    /** Reads a list page by page ({@code limit} each), returning every page's ids. */
    private static List<Page> pages(User caller, String path, int limit, String idField, Object... pathParams) {
        List<Page> pages = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(caller).queryParam("limit", limit);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path, pathParams).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items." + idField);
            assertTrue(ids.size() <= limit, "a page holds at most limit items");
            cursor = page.getString("nextCursor");
            pages.add(new Page(ids, cursor));
            assertTrue(pages.size() < 100, "paging must end");
        } while (cursor != null);
        return pages;
    }

    private static List<String> joined(List<Page> pages) {
        return pages.stream().flatMap(p -> p.ids().stream()).toList();
    }

    /** The whole list in one page (the largest limit). */
    private static List<String> whole(User caller, String path, String idField, Object... pathParams) {
        JsonPath page = as(caller).queryParam("limit", 200).get(path, pathParams).then().statusCode(200)
                .body("nextCursor", nullValue()).extract().jsonPath();
        return page.getList("items." + idField);
    }

    @Test
    void membersPageInTheOrderTheyJoinedAndThePagesJoinUpToTheWholeList() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "ENTERPRISE");
        List<String> joinedInOrder = new ArrayList<>(List.of(ada.subject()));
        for (int i = 0; i < 6; i++) {
            User member = user("m" + i, domain);
            join(ada, orgId, member, "MEMBER");
            joinedInOrder.add(member.subject());
        }

        List<Page> pages = pages(ada, "/v1/orgs/{o}/members", 3, "userId", orgId);
        assertEquals(List.of(3, 3, 1), pages.stream().map(p -> p.ids().size()).toList());
        assertEquals(joinedInOrder, joined(pages), "join order, no duplicates, no gaps");
        assertEquals(joinedInOrder, whole(ada, "/v1/orgs/{o}/members", "userId", orgId));
        // Without a limit, the default (50) holds them all.
        as(ada).get("/v1/orgs/{o}/members", orgId).then().statusCode(200).body("items", hasSize(7))
                .body("nextCursor", nullValue());
        // Exactly a page's worth: the last page says so, no empty page follows.
        assertEquals(List.of(7), pages(ada, "/v1/orgs/{o}/members", 7, "userId", orgId).stream()
                .map(p -> p.ids().size()).toList());
    }

    @Test
    void aMemberRemovedBetweenPagesNeitherRepeatsNorHidesAnyoneElse() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "ENTERPRISE");
        List<User> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User member = user("m" + i, domain);
            join(ada, orgId, member, "MEMBER");
            members.add(member);
        }
        JsonPath first = as(ada).queryParam("limit", 3).get("/v1/orgs/{o}/members", orgId).then().statusCode(200)
                .extract().jsonPath();
        // ada, m0, m1 read; m1 (read) and m2 (not yet read) leave, m5 joins.
        as(ada).delete("/v1/orgs/{o}/members/{u}", orgId, members.get(1).subject()).then().statusCode(204);
        as(ada).delete("/v1/orgs/{o}/members/{u}", orgId, members.get(2).subject()).then().statusCode(204);
        User late = user("m5", domain);
        join(ada, orgId, late, "MEMBER");

        List<String> rest = as(ada).queryParam("limit", 3).queryParam("cursor", first.getString("nextCursor"))
                .get("/v1/orgs/{o}/members", orgId).then().statusCode(200).body("nextCursor", nullValue())
                .extract().jsonPath().getList("items.userId");
        assertEquals(List.of(members.get(3).subject(), members.get(4).subject(), late.subject()), rest);
    }

    @Test
    void anOrgsInvitationsPageNewestFirstAndANewInvitationDoesNotShiftTheNextPage() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "ENTERPRISE");
        List<String> invited = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            invited.add(invite(ada, orgId, "i" + i + "@" + domain, "MEMBER"));
        }
        List<String> newestFirst = new ArrayList<>(invited);
        Collections.reverse(newestFirst);

        List<Page> pages = pages(ada, "/v1/orgs/{o}/invitations", 2, "id", orgId);
        assertEquals(List.of(2, 2, 2, 1), pages.stream().map(p -> p.ids().size()).toList());
        assertEquals(newestFirst, joined(pages));
        assertEquals(newestFirst, whole(ada, "/v1/orgs/{o}/invitations", "id", orgId));

        // A page read, then a new invitation: the next page continues where the first ended.
        String cursor = pages.get(0).nextCursor();
        String newest = invite(ada, orgId, "late@" + domain, "MEMBER");
        as(ada).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/orgs/{o}/invitations", orgId).then()
                .statusCode(200).body("items.id", equalTo(newestFirst.subList(2, 4)));
        as(ada).queryParam("limit", 2).get("/v1/orgs/{o}/invitations", orgId).then().body("items[0].id",
                equalTo(newest));
    }

    @Test
    void myOrgsPageOldestMembershipFirst() {
        String domain = newDomain();
        User ben = user("ben", domain);
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orgs.add(createOrg(ben, "PRO"));
            User other = user("admin" + i, domain);
            String theirs = createOrg(other, "PRO");
            join(other, theirs, ben, "MEMBER");
            orgs.add(theirs);
        }
        List<Page> pages = pages(ben, "/v1/me/orgs", 4, "orgId");
        assertEquals(List.of(4, 2), pages.stream().map(p -> p.ids().size()).toList());
        assertEquals(orgs, joined(pages));
        assertEquals(orgs, whole(ben, "/v1/me/orgs", "orgId"));
    }

    @Test
    void myInvitationsPageOnlyOpenOnesAcrossOrgs() {
        String domain = newDomain();
        User ben = user("ben", domain);
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User admin = user("admin" + i, domain);
            String orgId = createOrg(admin, "PRO");
            String invitationId = invite(admin, orgId, ben.email(), "MEMBER");
            if (i == 1) {
                as(admin).delete("/v1/orgs/{o}/invitations/{i}", orgId, invitationId).then().statusCode(200);
            } else if (i == 3) {
                accept(ben, invitationId);
            } else {
                open.add(invitationId);
            }
        }
        List<Page> pages = pages(ben, "/v1/me/invitations", 2, "id");
        assertEquals(List.of(2, 1), pages.stream().map(p -> p.ids().size()).toList());
        assertEquals(open, joined(pages), "the revoked and the accepted invitation are on no page");
        assertEquals(open, whole(ben, "/v1/me/invitations", "id"));
    }

    @Test
    void aCursorOfAnotherListIsRefusedAndSoIsAChangedOne() {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "ENTERPRISE");
        String otherOrg = createOrg(ada, "PRO");
        join(ada, orgId, ben, "MEMBER");
        join(ada, otherOrg, ben, "MEMBER");
        invite(ada, orgId, "x@" + domain, "MEMBER");
        invite(ada, orgId, "y@" + domain, "MEMBER");
        invite(ada, otherOrg, "z@" + domain, "MEMBER");

        Map<String, String> cursorOf = new HashMap<>();
        BiFunction<String, Object[], String> firstCursor = (path, params) -> {
            String cursor = as(ada).queryParam("limit", 1).get(path, params).then().statusCode(200).extract()
                    .path("nextCursor");
            assertNotNull(cursor, path + " has a second page");
            return cursor;
        };
        cursorOf.put("members", firstCursor.apply("/v1/orgs/{o}/members", new Object[] { orgId }));
        cursorOf.put("invitations", firstCursor.apply("/v1/orgs/{o}/invitations", new Object[] { orgId }));
        cursorOf.put("my orgs", firstCursor.apply("/v1/me/orgs", new Object[0]));
        String bensOrgs = as(ben).queryParam("limit", 1).get("/v1/me/orgs").then().extract().path("nextCursor");
        // The ledger's history and the notification inbox scope theirs by org and by user id.
        cursorOf.put("the ledger's history", Cursors.encode(orgId, 1));
        cursorOf.put("ada's inbox", Cursors.encode(ada.subject(), 1));
        cursorOf.put("ben's orgs", bensOrgs);

        Map<String, Object[]> lists = Map.of("/v1/orgs/{o}/members", new Object[] { orgId },
                "/v1/orgs/{o}/invitations", new Object[] { orgId }, "/v1/me/orgs", new Object[0],
                "/v1/me/invitations", new Object[0]);
        Map<String, String> own = Map.of("/v1/orgs/{o}/members", "members", "/v1/orgs/{o}/invitations", "invitations",
                "/v1/me/orgs", "my orgs");
        int refused = 0;
        for (var list : lists.entrySet()) {
            for (var cursor : cursorOf.entrySet()) {
                if (cursor.getKey().equals(own.get(list.getKey()))) {
                    continue;
                }
                as(ada).queryParam("cursor", cursor.getValue()).get(list.getKey(), list.getValue()).then()
                        .statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPE + "invalid-cursor"));
                refused++;
            }
        }
        assertEquals(4 * 6 - 3, refused);
        // The same list of another org.
        as(ada).queryParam("cursor", cursorOf.get("members")).get("/v1/orgs/{o}/members", otherOrg).then()
                .statusCode(400).body("type", equalTo(TYPE + "invalid-cursor"));
        as(ada).queryParam("cursor", cursorOf.get("invitations")).get("/v1/orgs/{o}/invitations", otherOrg).then()
                .statusCode(400).body("type", equalTo(TYPE + "invalid-cursor"));
        // Changed, or not one at all.
        for (String bad : new String[] { cursorOf.get("members") + "A", "not-a-cursor", "!!!",
                java.util.Base64.getUrlEncoder().encodeToString("seq:abc@members:x".getBytes()) }) {
            as(ada).queryParam("cursor", bad).get("/v1/orgs/{o}/members", orgId).then().statusCode(400)
                    .contentType(PROBLEM).body("type", equalTo(TYPE + "invalid-cursor"));
        }
        // Its own cursor works.
        as(ada).queryParam("cursor", cursorOf.get("members")).get("/v1/orgs/{o}/members", orgId).then()
                .statusCode(200).body("items.userId", equalTo(List.of(ben.subject())));
    }

    @Test
    void aLimitMustBeAnIntegerFromOneTo200() {
        String domain = newDomain();
        User ada = user("ada", domain);
        String orgId = createOrg(ada, "PRO");
        for (String path : new String[] { "/v1/orgs/" + orgId + "/members", "/v1/orgs/" + orgId + "/invitations",
                "/v1/me/orgs", "/v1/me/invitations" }) {
            for (String limit : new String[] { "0", "-1", "201", "1.5", "ten", "2147483648" }) {
                as(ada).queryParam("limit", limit).get(path).then().statusCode(400).contentType(PROBLEM)
                        .body("type", equalTo(TYPE + "invalid-limit"));
            }
            as(ada).queryParam("limit", 1).get(path).then().statusCode(200);
            as(ada).queryParam("limit", 200).get(path).then().statusCode(200);
        }
        // A non-member gets the org's 404 whatever the paging parameters.
        User stranger = user("stranger", newDomain());
        as(stranger).queryParam("limit", 1).get("/v1/orgs/{o}/members", orgId).then().statusCode(404)
                .body("type", equalTo(TYPE + "org-not-found"));
        for (String mine : new String[] { "/v1/me/orgs", "/v1/me/invitations" }) {
            as(stranger).get(mine).then().statusCode(200).body("items", hasSize(0)).body("nextCursor", nullValue());
        }
    }
}
