package dev.teamcredits.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.usage.domain.BillingCycle;
import dev.teamcredits.usage.repository.UsageProjectionRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Credits entering the pool before the org's cycle is known wait in pool_in_pending and move into the cycle when its
 * team event arrives. The two events come from two topics, applied by two consumers at once: whichever commits
 * first, the credits end in the cycle's total, never stranded in the pending row.
 */
@QuarkusTest
class PoolInflowRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool db;

    @Inject
    UsageProjectionRepository projection;

    @Test
    void creditsThatArriveWhileTheOrgsFirstCycleIsBeingRecordedCountInThatCycle() throws Exception {
        UUID org = UUID.randomUUID();
        BillingCycle cycle = new BillingCycle(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1));

        // The ledger's grant is applied first and has not committed when the team event is applied.
        SqlConnection grant = db.getConnection().await().atMost(WAIT);
        Transaction grantTx = grant.begin().await().atMost(WAIT);
        projection.addPoolInflow(grant, org, 1000).await().atMost(WAIT);

        SqlConnection team = db.getConnection().await().atMost(WAIT);
        CompletableFuture<Void> teamEvent = team.begin().chain(tx -> projection.moveCurrentCycle(team, org, cycle)
                .chain(() -> projection.recordCycle(team, org, cycle)).chain(tx::commit))
                .subscribeAsCompletionStage();
        // Give the team event the time to run as far as it can before the grant commits.
        Thread.sleep(500);
        grantTx.commit().await().atMost(WAIT);
        teamEvent.get(10, TimeUnit.SECONDS);
        grant.close().await().atMost(WAIT);
        team.close().await().atMost(WAIT);

        long total = db.preparedQuery("SELECT total_in FROM pool_cycle WHERE org_id = $1").execute(Tuple.of(org))
                .await().atMost(WAIT).iterator().next().getLong(0);
        long pending = db.preparedQuery("SELECT COALESCE(SUM(amount), 0) FROM pool_in_pending WHERE org_id = $1")
                .execute(Tuple.of(org)).await().atMost(WAIT).iterator().next().getLong(0);
        assertEquals(1000, total, "the credits count in the cycle");
        assertEquals(0, pending, "nothing stranded in the pending row");
    }
}
