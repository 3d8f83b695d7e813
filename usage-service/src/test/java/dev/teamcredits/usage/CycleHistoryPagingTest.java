package dev.teamcredits.usage;

import static dev.teamcredits.usage.UsageFixture.as;
import static dev.teamcredits.usage.UsageFixture.send;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.usage.UsageFixture.Org;
import dev.teamcredits.usage.UsageFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cycle history is cursor-paged like every list that grows: {@code {"items": [...], "nextCursor": …}}, pages
 * that join up newest first with no cycle twice and none left out, for admins and members alike; a cursor this list
 * did not return, and a bad limit, are 400 problems.
 */
@QuarkusTest
class CycleHistoryPagingTest {

    private static final int CLOSES = 6;

    @Test
    void theCycleHistoryPagesNewestFirstWithEveryCycleOnceForAdminsAndMembers() {
        Org org = Org.create(100);
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        List<String> starts = new ArrayList<>();
        // Ben spends i + 1 pool credits in cycle i, cleo 100 in each: a page's totals tell whose view it is.
        for (int i = 0; i <= CLOSES; i++) {
            starts.add(0, org.cycleStart.toString());
            List<DomainEvent> events = new ArrayList<>(List.of(
                    org.spend(ben, "PAGE_SCRAPE", i + 1, 0, 0, 50, Instant.now()),
                    org.spend(cleo, "PAGE_SCRAPE", 100, 0, 0, 50, Instant.now())));
            if (i < CLOSES) {
                events.add(org.close(100));
            }
            send(events.toArray(DomainEvent[]::new));
        }
        UsageFixture.await("every cycle counted", () -> {
            JsonPath all = as(org.admin).queryParam("limit", "1000").get("/v1/orgs/{o}/usage/cycles", org.id).jsonPath();
            return all.getList("items").size() == CLOSES + 1 && all.getLong("items[0].creditsUsed") == CLOSES + 101;
        });

        // The default page holds them all; the last page's nextCursor is null.
        JsonPath first = as(org.admin).get("/v1/orgs/{o}/usage/cycles", org.id).then().statusCode(200).extract()
                .jsonPath();
        assertEquals(starts, first.getList("items.cycleStart"));
        assertNull(first.get("nextCursor"));

        Map<String, Long> adminPages = walk(org.admin, org, 2);
        assertEquals(starts, List.copyOf(adminPages.keySet()), "admin pages of 2 join up newest first, each cycle once");
        for (int i = 0; i <= CLOSES; i++) {
            assertEquals(i + 1 + 100, adminPages.get(starts.get(CLOSES - i)), "the org's total of cycle " + i);
        }

        Map<String, Long> benPages = walk(ben, org, 3);
        assertEquals(starts, List.copyOf(benPages.keySet()), "a member's pages list the same cycles");
        for (int i = 0; i <= CLOSES; i++) {
            assertEquals(i + 1, benPages.get(starts.get(CLOSES - i)), "ben's own total of cycle " + i + " on his pages");
        }

        Map<String, Long> onePerPage = walk(cleo, org, 1);
        assertEquals(starts, List.copyOf(onePerPage.keySet()), "pages of one");
        assertTrue(onePerPage.values().stream().allMatch(credits -> credits == 100), "cleo's own totals");
    }

    @Test
    void aCursorThisListDidNotReturnAndABadLimitAreProblems() {
        Org org = Org.create(100);
        User ben = org.join("ben");
        send(org.close(100));
        UsageFixture.await("two cycles", () -> as(org.admin).get("/v1/orgs/{o}/usage/cycles", org.id).jsonPath()
                .getList("items").size() == 2);
        String cursor = as(org.admin).queryParam("limit", "1").get("/v1/orgs/{o}/usage/cycles", org.id).jsonPath()
                .getString("nextCursor");
        assertNotNull(cursor);

        Org other = Org.create(100);
        send(other.close(100));
        UsageFixture.await("other's two cycles", () -> as(other.admin).get("/v1/orgs/{o}/usage/cycles", other.id)
                .jsonPath().getList("items").size() == 2);
        String othersCursor = as(other.admin).queryParam("limit", "1").get("/v1/orgs/{o}/usage/cycles", other.id)
                .jsonPath().getString("nextCursor");

        Map<String, String> foreign = new LinkedHashMap<>();
        foreign.put("not a cursor", "!!!");
        foreign.put("tampered", cursor.substring(0, cursor.length() - 2));
        foreign.put("another org's cycles", othersCursor);
        foreign.put("the ledger history's of this org", Cursors.encode(org.id.toString(), 5));
        foreign.put("a day past year 9999", Cursors.encode("usage-cycles:" + org.id, Long.MAX_VALUE));
        foreign.put("a day before year 1", Cursors.encode("usage-cycles:" + org.id, Long.MIN_VALUE));
        foreign.forEach((what, bad) -> as(org.admin).queryParam("cursor", bad).get("/v1/orgs/{o}/usage/cycles", org.id)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:team-credits:problem:invalid-cursor")).body("status", equalTo(400)));
        for (String limit : List.of("0", "1001", "-1", "x", "1.5")) {
            as(org.admin).queryParam("limit", limit).get("/v1/orgs/{o}/usage/cycles", org.id).then().statusCode(400)
                    .body("type", equalTo("urn:team-credits:problem:invalid-limit"));
        }
        // The org's own cursor, from someone who is not its member: nothing is revealed.
        as(UsageFixture.user("eve")).queryParam("cursor", cursor).get("/v1/orgs/{o}/usage/cycles", org.id).then()
                .statusCode(404).body("type", equalTo("urn:team-credits:problem:org-not-found"));
        // And the cursor works for every member of the org: it names a place in the list, not a viewer.
        as(ben).queryParam("cursor", cursor).get("/v1/orgs/{o}/usage/cycles", org.id).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("nextCursor", nullValue());
    }

    /** Follows nextCursor from the first page to the last: each cycle's start and pool credits used, in order. */
    private static Map<String, Long> walk(User user, Org org, int limit) {
        Map<String, Long> seen = new LinkedHashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(user).queryParam("limit", String.valueOf(limit));
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/orgs/{o}/usage/cycles", org.id).then().statusCode(200).extract()
                    .jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertTrue(items.size() <= limit, "a page holds at most limit cycles");
            for (Map<String, Object> item : items) {
                Object previous = seen.put((String) item.get("cycleStart"), ((Number) item.get("creditsUsed")).longValue());
                assertNull(previous, "cycle " + item.get("cycleStart") + " on two pages");
            }
            cursor = page.getString("nextCursor");
            assertTrue(cursor == null || items.size() == limit, "only the last page is short");
            assertTrue(++pages <= CLOSES + 2, "the pages end");
        } while (cursor != null);
        return seen;
    }
}
