package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.SCRAPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.teamcredits.client.Hold;
import dev.teamcredits.client.ReserveRequest;
import dev.teamcredits.client.TeamCreditsClient;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Email finding is two-phase: a credit is held while the finder works, charged only for a valid result. The
 * scraper backend does it as a backend would, through the Java client: a hold captured on a result, and released
 * when its block ends without one.
 */
@Order(4)
class EmailFindingTest extends SystemTestBase {

    private final TeamCreditsClient scraper = Clients.backend(SCRAPER);

    private Hold reserve(Org org, long ttlSeconds) {
        return scraper.reserve(org.id, ReserveRequest.action("EMAIL_FINDING", 1).forMember(Api.id(BEN))
                .withTtl(Duration.ofSeconds(ttlSeconds)));
    }

    @Test
    void reserveThenCaptureOnAValidResultReleaseOnNoneAndExpiryGivesTheCreditBack() {
        Org org = org("PRO");
        org.join(BEN, true);

        try (Hold found = reserve(org, 300)) {
            assertEquals(1, found.amount());
            assertEquals(1000, org.pool());
            assertEquals(999, org.poolAvailable(), "a held credit is not available");
            assertEquals("CAPTURED", found.capture(1).status());
        }
        assertEquals(999, org.pool());
        assertEquals(999, org.poolAvailable());

        try (Hold none = reserve(org, 300)) {
            assertEquals(998, org.poolAvailable());
            // No valid result: the block ends without a capture, and closing the hold releases it.
        }
        assertEquals(999, org.pool(), "no result, no charge");
        assertEquals(999, org.poolAvailable());

        Hold forgotten = reserve(org, 1);
        assertEquals(998, org.poolAvailable());
        // The ledger's expiry job releases it (every 5 s in production settings).
        Waits.until("the expired reservation gives its credit back", () -> org.poolAvailable() == 999);
        assertEquals(999, org.pool());
        // Closing a hold the ledger already ended leaves it so.
        forgotten.close();
        assertFalse(forgotten.isOpen());
        assertEquals(999, org.poolAvailable());

        Waits.untilAsserted("one email finding counted", () -> {
            long[] ben = Invariants.usage(org, "current").get(Api.id(BEN));
            assertEquals(1, ben[0]);
        });
        Notifications.awaitType(org, BEN, "RESERVATION_EXPIRED");
    }
}
