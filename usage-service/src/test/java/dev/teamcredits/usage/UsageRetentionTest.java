package dev.teamcredits.usage;

import static dev.teamcredits.usage.UsageFixture.as;
import static dev.teamcredits.usage.UsageFixture.send;
import static org.hamcrest.Matchers.equalTo;

import dev.teamcredits.common.RetentionContractTest;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.usage.UsageFixture.Org;
import dev.teamcredits.usage.UsageFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention of the shared tables (inherited), and that a redelivery inside the event window still counts once. */
@QuarkusTest
class UsageRetentionTest extends RetentionContractTest {

    @Test
    void aRedeliveredSpendInsideTheEventWindowCountsOnce() {
        Org org = Org.create(100);
        User ben = org.join("ben");
        CloudEvent<CreditsSpent> spent = CloudEvent.of("/ledger-service",
                org.spend(ben, "PAGE_SCRAPE", 7, 0, 0, 93, Instant.now()));
        String record = EventCodec.encode(spent);
        UsageFixture.sendRaw(Topics.LEDGER, List.<String[]>of(new String[] { org.id.toString(), record }));
        UsageFixture.await("the spend", () -> UsageFixture.ownSpends(ben, org.id) == 1);

        age("processed_event", "processed_at", "event_id = $1", Tuple.of(spent.id()),
                config.processedEvents().minus(Duration.ofHours(1)));
        purge();
        // The same record again, as after a consumer restart; then a marker behind it on the partition.
        UsageFixture.sendRaw(Topics.LEDGER, List.<String[]>of(new String[] { org.id.toString(), record }));
        send(org.spend(ben, "TAG", 0, 0, 0, 93, Instant.now()));
        UsageFixture.await("the marker", () -> UsageFixture.ownSpends(ben, org.id) >= 2);

        as(ben).get("/v1/orgs/{o}/usage", org.id).then().body("members[0].creditsUsed", equalTo(7))
                .body("members[0].spends", equalTo(2));
    }
}
