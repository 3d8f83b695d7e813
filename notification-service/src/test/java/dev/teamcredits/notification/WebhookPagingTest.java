package dev.teamcredits.notification;

import static dev.teamcredits.notification.NotificationFixture.as;
import static dev.teamcredits.notification.NotificationFixture.await;
import static dev.teamcredits.notification.NotificationFixture.send;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.notification.NotificationFixture.Org;
import dev.teamcredits.notification.NotificationFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An org's webhooks and a webhook's deliveries are read a page at a time, as the inbox is: {@code items} and
 * {@code nextCursor}, newest first; the pages join up into the whole list without a duplicate or a gap, a filter
 * sent again with the cursor is kept, and a cursor that is not this list's is a 400.
 */
@QuarkusTest
class WebhookPagingTest {

    private static final String WEBHOOKS = "/v1/orgs/{o}/webhooks";
    private static final String DELIVERIES = "/v1/orgs/{o}/webhooks/{h}/deliveries";

    @Test
    void theOrgsWebhooksComeNewestFirstInPagesThatJoinUpAndANewOneDoesNotShiftThem() {
        Org org = Org.create();
        await("the admin known", () -> as(org.admin).get(WEBHOOKS, org.id).statusCode() == 200);
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            registered.add(register(org, "http://127.0.0.1:9/hook-" + i));
        }

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(() -> as(org.admin).queryParam("limit", 3), WEBHOOKS, cursor, org.id);
            sizes.add(page.getList("items").size());
            seen.addAll(page.getList("items.id"));
            assertTrue(page.getList("items.secret").stream().allMatch(s -> s == null), "no secret is listed");
            cursor = page.getString("nextCursor");
            if (seen.size() == 3) {
                // Registered while the list is being read: it is newer than every page still to come.
                register(org, "http://127.0.0.1:9/late");
            }
        } while (cursor != null);
        assertEquals(List.of(3, 3, 1), sizes);
        List<String> newestFirst = new ArrayList<>(registered);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen, "newest first, each once, none missing");

        // The first page of the list as it is now has the late one on top; the default page holds all eight.
        JsonPath all = as(org.admin).get(WEBHOOKS, org.id).then().statusCode(200).extract().jsonPath();
        assertEquals(8, all.getList("items").size());
        assertEquals(seen, all.getList("items.id").subList(1, 8));
        assertNull(all.getString("nextCursor"));
    }

    @Test
    void aWebhooksDeliveriesComeInPagesThatJoinUpKeepTheStatusFilterAndRefuseAnotherListsCursor() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben");
        try (WebhookReceiver receiver = new WebhookReceiver(0, body -> body.contains("refused-") ? 500 : 204)) {
            String hook = register(org, receiver.url());
            String other = register(org, "http://127.0.0.1:9/other");
            long balance = 1000;
            for (int i = 0; i < 9; i++) {
                balance -= 1;
                send(org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 1,
                        (i % 2 == 0 ? "accepted-" : "refused-") + i, balance, 1000 - balance));
            }
            // Five are delivered, four are dead after their last attempt.
            await("every delivery settled", () -> {
                JsonPath now = as(org.admin).queryParam("limit", 500).get(DELIVERIES, org.id, hook).jsonPath();
                return now.getList("items").size() == 9 && now.getList("items.status").stream()
                        .allMatch(s -> s.equals("DELIVERED") || s.equals("DEAD"));
            });
            JsonPath whole = as(org.admin).queryParam("limit", 500).get(DELIVERIES, org.id, hook).jsonPath();
            List<String> everything = whole.getList("items.id");
            Map<String, String> status = new LinkedHashMap<>();
            for (int i = 0; i < everything.size(); i++) {
                status.put(everything.get(i), whole.getString("items[" + i + "].status"));
            }
            assertEquals(4, status.values().stream().filter("DEAD"::equals).count());

            assertEquals(everything, readAll(org, hook, null, 2), "pages of two join up into the whole list");
            List<String> dead = readAll(org, hook, "DEAD", 3);
            assertEquals(everything.stream().filter(id -> status.get(id).equals("DEAD")).toList(), dead,
                    "the filter is kept on every page");
            List<String> delivered = readAll(org, hook, "DELIVERED", 4);
            assertEquals(5, delivered.size());
            assertTrue(new HashSet<>(delivered).stream().allMatch(id -> status.get(id).equals("DELIVERED")));

            // A cursor is this webhook's: garbage, the webhook list's, another webhook's or the inbox's is a 400.
            String webhooksCursor = as(org.admin).queryParam("limit", 1).get(WEBHOOKS, org.id).path("nextCursor");
            String inboxCursor = awaitValue(() -> as(org.admin).queryParam("limit", 1).get("/v1/me/notifications")
                    .path("nextCursor"));
            String mine = as(org.admin).queryParam("limit", 1).get(DELIVERIES, org.id, hook).path("nextCursor");
            for (String foreign : List.of("garbage", webhooksCursor, inboxCursor, mine + "x")) {
                as(org.admin).queryParam("cursor", foreign).get(DELIVERIES, org.id, hook).then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:team-credits:problem:invalid-cursor"));
            }
            as(org.admin).queryParam("cursor", mine).get(DELIVERIES, org.id, other).then().statusCode(400)
                    .body("type", equalTo("urn:team-credits:problem:invalid-cursor"));
            as(org.admin).queryParam("cursor", mine).get(WEBHOOKS, org.id).then().statusCode(400)
                    .body("type", equalTo("urn:team-credits:problem:invalid-cursor"));
            for (String limit : List.of("0", "501", "ten")) {
                as(org.admin).queryParam("limit", limit).get(DELIVERIES, org.id, hook).then().statusCode(400)
                        .body("type", equalTo("urn:team-credits:problem:invalid-limit"));
            }
            as(org.admin).queryParam("limit", 101).get(WEBHOOKS, org.id).then().statusCode(400)
                    .body("type", equalTo("urn:team-credits:problem:invalid-limit"));
            as(org.admin).queryParam("status", "LOST").get(DELIVERIES, org.id, hook).then().statusCode(400)
                    .body("type", equalTo("urn:team-credits:problem:invalid-filter"));
            as(ben).queryParam("cursor", mine).get(DELIVERIES, org.id, hook).then().statusCode(403);
        }
    }

    /** Every page of the deliveries, {@code limit} at a time, with the filter sent again with each cursor. */
    private static List<String> readAll(Org org, String hook, String status, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(() -> {
                RequestSpecification request = as(org.admin).queryParam("limit", limit);
                return status == null ? request : request.queryParam("status", status);
            }, DELIVERIES, cursor, org.id, hook);
            List<String> items = page.getList("items.id");
            assertTrue(items.size() <= limit);
            ids.addAll(items);
            cursor = page.getString("nextCursor");
            assertTrue(cursor == null || items.size() == limit, "only the last page is short");
        } while (cursor != null);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no delivery twice: " + ids);
        return ids;
    }

    private static JsonPath page(Supplier<RequestSpecification> request, String path, String cursor,
            Object... params) {
        RequestSpecification r = request.get();
        if (cursor != null) {
            r = r.queryParam("cursor", cursor);
        }
        return r.get(path, params).then().statusCode(200).extract().jsonPath();
    }

    private static String register(Org org, String url) {
        return as(org.admin).header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body(Map.of("url", url)).post(WEBHOOKS, org.id).then().statusCode(201).extract().path("id");
    }

    private static <T> T awaitValue(Supplier<T> value) {
        Object[] found = new Object[1];
        NotificationFixture.await("a value", () -> (found[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T t = (T) found[0];
        return t;
    }
}
