package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.SCRAPER;
import static dev.teamcredits.systemtests.Api.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Email finding is two-phase: a credit is held while the finder works, charged only for a valid result. */
@Order(4)
class EmailFindingTest extends SystemTestBase {

    private JsonNode reserve(Org org, long ttlSeconds) {
        return api.post(SCRAPER, org.ledger("/reservations"), Map.of("userId", Api.id(BEN), "action", "EMAIL_FINDING",
                "quantity", 1, "ttlSeconds", ttlSeconds), key()).expect(201).body();
    }

    @Test
    void reserveThenCaptureOnAValidResultReleaseOnNoneAndExpiryGivesTheCreditBack() {
        Org org = org("PRO");
        org.join(BEN, true);

        JsonNode found = reserve(org, 300);
        assertEquals(1, found.get("amount").asLong());
        assertEquals(1000, org.pool());
        assertEquals(999, org.poolAvailable(), "a held credit is not available");
        api.post(SCRAPER, org.ledger("/reservations/" + found.get("id").asText() + "/capture"), Map.of("amount", 1),
                key()).expect(200);
        assertEquals(999, org.pool());
        assertEquals(999, org.poolAvailable());

        JsonNode none = reserve(org, 300);
        assertEquals(998, org.poolAvailable());
        api.post(SCRAPER, org.ledger("/reservations/" + none.get("id").asText() + "/release"), null, key())
                .expect(200);
        assertEquals(999, org.pool(), "no result, no charge");
        assertEquals(999, org.poolAvailable());

        reserve(org, 1);
        assertEquals(998, org.poolAvailable());
        // The ledger's expiry job releases it (every 5 s in production settings).
        Waits.until("the expired reservation gives its credit back", () -> org.poolAvailable() == 999);
        assertEquals(999, org.pool());

        Waits.untilAsserted("one email finding counted", () -> {
            long[] ben = Invariants.usage(org, "current").get(Api.id(BEN));
            assertEquals(1, ben[0]);
        });
        Notifications.awaitType(org, BEN, "RESERVATION_EXPIRED");
    }
}
