package dev.teamcredits.usage;

import static dev.teamcredits.usage.UsageFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.usage.UnusualUsage;
import dev.teamcredits.usage.UsageFixture.Org;
import dev.teamcredits.usage.UsageFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A day far above the member's trailing average raises one usage.events alert, once per day (the rule
 * itself, case by case: {@code UnusualUsageRuleTest}).
 */
@QuarkusTest
class UnusualUsageAlertTest {

    @Test
    void aDayFarAboveTheTrailingAverageIsReportedOnce() throws Exception {
        Org org = Org.create(100_000);
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        Instant now = Instant.now();
        // Ben: 20 a day for the last 7 days (average 20), then 70 (not above 3 x 20), then 120 (is).
        for (int d = 1; d <= 7; d++) {
            send(org.spend(ben, "PAGE_SCRAPE", 20, 0, 0, 0, now.minus(Duration.ofDays(d))));
        }
        send(org.spend(ben, "PAGE_SCRAPE", 70, 0, 0, 0, now));
        send(org.spend(ben, "PAGE_SCRAPE", 50, 0, 0, 0, now), org.spend(ben, "PAGE_SCRAPE", 40, 0, 0, 0, now));
        // Cleo: no history, so no average to be far above, however much she spends.
        send(org.spend(cleo, "PAGE_SCRAPE", 5000, 0, 0, 0, now));

        try (KafkaCompanion companion = new KafkaCompanion(UsageFixture.bootstrap())) {
            ConsumerTask<String, String> alerts = companion.consumeStrings().fromTopics(Topics.USAGE,
                    r -> r.select().where(x -> org.id.toString().equals(x.key())));
            alerts.awaitRecords(1, Duration.ofSeconds(30));
            Thread.sleep(2_000);
            assertEquals(1, alerts.count(), "one alert for ben's day, none for cleo");
            CloudEvent<DomainEvent> event = EventCodec.decode(alerts.getRecords().get(0).value());
            UnusualUsage alert = (UnusualUsage) event.data();
            assertEquals(ben.subject(), alert.userId());
            assertEquals(LocalDate.now(ZoneOffset.UTC), alert.day());
            assertEquals(120, alert.credits());
            assertEquals(20.0, alert.trailingAverage());
            assertEquals("/usage-service", event.source());
            alerts.stop();
        }
    }
}
