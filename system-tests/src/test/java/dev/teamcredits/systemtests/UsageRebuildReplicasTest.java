package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.OPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.Topics;
import dev.teamcredits.local.PostgresServer;
import dev.teamcredits.local.ProcessStack;
import dev.teamcredits.systemtests.Api.Reply;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A usage rebuild with two usage replicas: the group shares the topics' partitions between them, and the rebuild
 * must recompute every org's counters whichever replica got the call. Orgs are made until their events cover every
 * partition of ledger.events (so some fall to each replica, however the group shares them); they spend; their
 * counters are corrupted in the usage database; one replica is asked to rebuild; every org's counters equal the
 * ledger's spends again. The second replica is stopped at the end.
 */
@Order(11)
class UsageRebuildReplicasTest extends SystemTestBase {

    private static final int MAX_ORGS = 12;

    @Test
    void aRebuildOnOneOfTwoReplicasRecomputesEveryOrgsCounters() throws Exception {
        ProcessStack.RunningService second = SystemStack.get().startReplica("usage-service");
        try {
            int partitions;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SystemStack.get().kafka().bootstrapServers()))) {
                partitions = admin.describeTopics(List.of(Topics.LEDGER)).allTopicNames().get().get(Topics.LEDGER)
                        .partitions().size();
            }
            List<Org> orgs = new ArrayList<>();
            Set<Integer> covered = new HashSet<>();
            while (covered.size() < partitions && orgs.size() < MAX_ORGS) {
                Org org = org("PRO");
                for (int s = 1; s <= 3; s++) {
                    assertTrue(org.spend(ADA, "PAGE_SCRAPE", s).ok());
                }
                orgs.add(org);
                // Where the producer's default partitioner puts records keyed by the org id.
                covered.add(Utils.toPositive(Utils.murmur2(org.id.getBytes(StandardCharsets.UTF_8))) % partitions);
            }
            assertEquals(partitions, covered.size(), "the orgs' events cover every partition");
            orgs.forEach(Invariants::usageEqualsLedgerSpends);

            PostgresServer.Database usage = SystemStack.get().postgres().database("usage");
            try (Connection c = DriverManager.getConnection(usage.jdbcUrl(), usage.user(), usage.password());
                    Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE member_cycle_usage SET from_pool = from_pool + 1000, spends = spends + 1000");
            }
            for (Org org : orgs) {
                long corrupted = Invariants.usage(org, "current").get(Api.id(ADA))[0];
                assertTrue(corrupted >= 1000, "corrupted: only a rebuild brings the counters back");
            }

            Reply started = api.post(OPS, second.baseUrl() + "/v1/admin/usage/rebuild", null).expect(202);
            assertTrue(started.body().get("keptBefore").isNull(), "the topics lost nothing: everything is recomputed");

            // The invariants (after the test too) wait until each org's counters equal the ledger's spends again.
            orgs.forEach(Invariants::usageEqualsLedgerSpends);
        } finally {
            second.stop();
        }
    }
}
