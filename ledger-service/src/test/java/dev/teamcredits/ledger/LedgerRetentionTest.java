package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.common.RetentionContractTest;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import dev.teamcredits.ledger.service.LedgerAudit;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention of the shared tables (inherited), and what it means here: a retried spend inside the key
 * window is replayed, a redelivered team event inside the event window is applied once, and emptied
 * lots stay, because the journal entries that made and drained them name them.
 */
@QuarkusTest
class LedgerRetentionTest extends RetentionContractTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    LedgerAudit audit;

    @AfterEach
    void journalAgreesWithBalances() {
        assertEquals(List.of(), audit.findings().await().atMost(Duration.ofSeconds(30)));
    }

    @Test
    void aRetriedSpendInsideTheKeyWindowIsReplayedNotCharged() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        String key = LedgerFixture.key();
        Map<String, Object> spend = Map.of("action", "PAGE_SCRAPE", "quantity", 3);
        as(org.admin).header("Idempotency-Key", key).body(spend).post("/v1/orgs/{o}/spends", org.id)
                .then().statusCode(200);

        age("idempotency_record", "created_at", "idempotency_key = $1", Tuple.of(key),
                config.idempotencyKeys().minus(HOUR));
        purge();

        as(org.admin).header("Idempotency-Key", key).body(spend).post("/v1/orgs/{o}/spends", org.id)
                .then().statusCode(200).header("Idempotency-Replayed", "true");
        assertEquals(97, org.pool());
    }

    @Test
    void aRedeliveredTeamEventInsideTheEventWindowIsAppliedOnce() {
        UUID orgId = UUID.randomUUID();
        User admin = LedgerFixture.user("admin");
        CloudEvent<OrgCreated> created = CloudEvent.of("/team-service", new OrgCreated(orgId, "Kept", Plan.PRO,
                new PlanTerms(5, 100, false), new OrgSettings(true, true), LocalDate.now(ZoneOffset.UTC),
                admin.subject(), Instant.now()));
        LedgerFixture.sendRaw(orgId.toString(), EventCodec.encode(created));
        LedgerFixture.send(orgId, new MemberJoined(orgId, admin.subject(), admin.email(), "admin", Role.ADMIN, true,
                null, Instant.now(), null));
        LedgerFixture.await("org", () -> as(admin).get("/v1/orgs/{o}/balances", orgId).statusCode() == 200);

        age("processed_event", "processed_at", "event_id = $1", Tuple.of(created.id()),
                config.processedEvents().minus(HOUR));
        purge();
        // The same record again, as after a consumer restart; then a marker behind it on the partition.
        LedgerFixture.sendRaw(orgId.toString(), EventCodec.encode(created));
        User marker = LedgerFixture.user("marker");
        LedgerFixture.send(orgId, new MemberJoined(orgId, marker.subject(), marker.email(), "m", Role.MEMBER, false,
                null, Instant.now(), UUID.randomUUID()));
        LedgerFixture.await("past the redelivery",
                () -> as(marker).get("/v1/orgs/{o}/balances", orgId).statusCode() == 200);

        as(admin).get("/v1/orgs/{o}/balances", orgId).then().body("pool.available", equalTo(100));
        as(admin).queryParam("type", "GRANT").get("/v1/orgs/{o}/transactions", orgId).then()
                .body("items.size()", equalTo(1));
    }

    @Test
    void anEmptiedLotStaysBecauseTheJournalNamesIt() {
        Org org = Org.create(Plan.PRO, 10, false, true);
        LedgerFixture.post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", 10))
                .post("/v1/orgs/{o}/spends", org.id).then().statusCode(200);

        purge();

        assertEquals(1, count("SELECT count(*) FROM lot l JOIN account a ON a.id = l.account_id "
                + "WHERE a.ref = 'POOL:' || $1 AND l.remaining = 0", org.id.toString()));
        assertEquals(2, count("SELECT count(*) FROM journal_entry e JOIN lot l ON l.id = e.lot_id "
                + "JOIN account a ON a.id = l.account_id WHERE a.ref = 'POOL:' || $1", org.id.toString()),
                "the grant that made it and the spend that drained it");
    }
}
