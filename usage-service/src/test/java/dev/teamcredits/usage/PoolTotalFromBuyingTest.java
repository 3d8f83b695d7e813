package dev.teamcredits.usage;

import static dev.teamcredits.usage.UsageFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.usage.UsageFixture.Org;
import dev.teamcredits.usage.UsageFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pool card's total, end to end: credits bought for the pool (completing a top-up request or not) and granted
 * to it by an operator count toward the cycle's total, as the old pool top-ups did; requests, declines and expiries
 * move no credits and count nothing, nor do purchases and grants into member balances. A personal balance's events
 * (no org, keyed by the user) are applied and change nothing: none is parked. A purchase delivered three times
 * counts once. (The rule alone: {@code domain/PoolInflowTest}; the rebuild with these events:
 * {@code UsageWorkloadTest}.)
 */
@QuarkusTest
class PoolTotalFromBuyingTest {

    @Inject
    Pool db;

    @Test
    void creditsBoughtOrGrantedIntoThePoolCountTowardItsTotalAndNothingElseDoes() {
        Org org = Org.create(1000);
        User ben = org.join("ben");
        AccountRef pool = AccountRef.pool();
        AccountRef bens = AccountRef.member(ben.subject());
        AccountRef bensOwn = AccountRef.personal(ben.subject());
        Instant at = Instant.now();
        UUID paid = UUID.randomUUID();
        UUID expired = UUID.randomUUID();
        UUID declined = UUID.randomUUID();
        PurchaseCompleted poolPurchase = new PurchaseCompleted(org.id, UUID.randomUUID(), UUID.randomUUID(), paid,
                pool, 500, "pay_1", 50000L, "EUR", org.admin.subject(), UsageFixture.pool(1500), "billing-backend",
                at.plusSeconds(1));
        List<LedgerEvent> orgEvents = List.of(
                new TopUpRequested(org.id, paid, pool, 500, org.admin.subject(), false, at.plusSeconds(86400), at),
                poolPurchase,
                new TopUpRequested(org.id, expired, pool, 300, "auto-top-up", true, at.plusSeconds(86400), at),
                new TopUpExpired(org.id, expired, pool, 300, "auto-top-up", true, at.plusSeconds(2)),
                new TopUpRequested(org.id, declined, pool, 800, org.admin.subject(), false, at.plusSeconds(86400), at),
                new TopUpDeclined(org.id, declined, pool, 800, "card refused", org.admin.subject(), false,
                        "billing-backend", at.plusSeconds(2)),
                new PurchaseCompleted(org.id, UUID.randomUUID(), UUID.randomUUID(), null, pool, 70, "pay_2", null,
                        null, null, UsageFixture.pool(1570), "billing-backend", at.plusSeconds(3)),
                new PurchaseCompleted(org.id, UUID.randomUUID(), UUID.randomUUID(), null, bens, 200, "pay_3", null,
                        null, null, balance(bens, 200), "billing-backend", at.plusSeconds(4)),
                new OperatorGranted(org.id, UUID.randomUUID(), bens, 30, "goodwill", balance(bens, 230),
                        "ops-console", at.plusSeconds(5)),
                // The last: once it is counted, everything of the org before it has been read.
                new OperatorGranted(org.id, UUID.randomUUID(), pool, 40, "migration", UsageFixture.pool(1610),
                        "ops-console", at.plusSeconds(6)));
        UUID personal = UUID.randomUUID();
        List<LedgerEvent> personalEvents = List.of(
                new CreditsGranted(null, UUID.randomUUID(), bensOwn, 10, "FREE", "FREE", null, balance(bensOwn, 10),
                        "system", at),
                new TopUpRequested(null, personal, bensOwn, 100, ben.subject(), false, at.plusSeconds(86400), at),
                new PurchaseCompleted(null, UUID.randomUUID(), UUID.randomUUID(), personal, bensOwn, 100, "pay_4",
                        100L, "EUR", ben.subject(), balance(bensOwn, 110), "billing-backend", at),
                new OperatorGranted(null, UUID.randomUUID(), bensOwn, 25, "support", balance(bensOwn, 135),
                        "ops-console", at));

        List<String[]> records = new ArrayList<>();
        for (LedgerEvent event : orgEvents) {
            String record = EventCodec.encode(CloudEvent.of("/ledger-service", event));
            records.add(new String[] { event.key(), record });
            if (event == poolPurchase) {
                // Delivered again, as Kafka may: counted once.
                records.add(new String[] { event.key(), record });
                records.add(new String[] { event.key(), record });
            }
        }
        List<String> personalIds = new ArrayList<>();
        for (LedgerEvent event : personalEvents) {
            CloudEvent<LedgerEvent> cloudEvent = CloudEvent.of("/ledger-service", event);
            personalIds.add(cloudEvent.id());
            records.add(new String[] { ben.subject(), EventCodec.encode(cloudEvent) });
        }
        UsageFixture.sendRaw(Topics.LEDGER, records);

        UsageFixture.await("the last pool grant", () -> ((Number) as(org.admin).get("/v1/orgs/{o}/usage", org.id)
                .path("pool.available")).intValue() == 1610);
        // 1000 allocated, 500 bought on request, 70 bought without one, 40 granted; nothing else.
        as(org.admin).get("/v1/orgs/{o}/usage", org.id).then().statusCode(200)
                .body("pool.total", equalTo(1610)).body("pool.available", equalTo(1610))
                .body("members.find { it.userId == '%s' }.spends".formatted(ben.subject()), equalTo(0));
        as(ben).get("/v1/orgs/{o}/usage", org.id).then().body("pool.total", equalTo(1610));

        String[] ids = personalIds.toArray(new String[0]);
        UsageFixture.await("the personal balance's events applied", () -> count("SELECT count(*) FROM "
                + "processed_event WHERE event_id = ANY($1)", Tuple.of(ids)) == ids.length);
        assertEquals(0, count("SELECT count(*) FROM parked_event WHERE event_id = ANY($1) OR message_key = $2",
                Tuple.of(ids, ben.subject())), "a personal balance's event is applied, not parked");
        assertEquals(0, count("SELECT count(*) FROM parked_event WHERE message_key = $1", Tuple.of(org.id.toString())),
                "nothing of the org parked");
    }

    private static BalanceView balance(AccountRef account, long balance) {
        return new BalanceView(account, balance, 0, balance);
    }

    private long count(String sql, Tuple params) {
        return db.preparedQuery(sql).execute(params).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong(0);
    }
}
