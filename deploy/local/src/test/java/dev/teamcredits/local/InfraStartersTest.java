package dev.teamcredits.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The starters give real servers that keep their data across a restart, which the local stack's
 * "data persists" promise and the outage tests depend on.
 */
class InfraStartersTest {

    @TempDir
    Path dir;

    @Test
    void postgresKeepsDataAcrossRestartAndGivesEachServiceItsOwnDatabase() throws Exception {
        PostgresServer.Database team;
        try (PostgresServer pg = PostgresServer.startOrConnect(dir.resolve("pg"), 0, true)) {
            team = pg.database("team");
            pg.database("ledger");
            try (Connection c = DriverManager.getConnection(team.jdbcUrl(), team.user(), team.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
        }
        try (PostgresServer pg = PostgresServer.startOrConnect(dir.resolve("pg"), 0, false)) {
            PostgresServer.Database again = pg.database("team");
            try (Connection c = DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password());
                    ResultSet rs = c.createStatement().executeQuery("SELECT id FROM kept")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            PostgresServer.Database ledger = pg.database("ledger");
            try (Connection c = DriverManager.getConnection(ledger.jdbcUrl(), ledger.user(), ledger.password());
                    ResultSet rs = c.createStatement().executeQuery(
                            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'kept'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "databases must be separate");
            }
        }
    }

    @Test
    void kafkaClusterIdsNeverLookLikeCommandLineOptions() {
        for (int i = 0; i < 10_000; i++) {
            String id = KafkaBroker.randomClusterId();
            assertTrue(!id.startsWith("-") && id.length() == 22, id);
        }
    }

    @Test
    void kafkaBrokerServesClientsAndKeepsRecordsAcrossRestart() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startOrConnect(dir.resolve("kafka"), 0, true)) {
            Map<String, Object> common = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(common)) {
                admin.createTopics(List.of(new NewTopic("starter.test", 3, (short) 1))).all().get();
            }
            Properties producerProps = new Properties();
            producerProps.putAll(common);
            producerProps.put("acks", "all");
            try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("starter.test", "org-1", "before restart")).get();
            }

            broker.stop();
            assertTrue(!broker.process().isAlive());
            broker.start();

            Properties consumerProps = new Properties();
            consumerProps.putAll(common);
            consumerProps.put("group.id", "starter-test");
            consumerProps.put("auto.offset.reset", "earliest");
            try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(Set.of("starter.test"));
                List<String> values = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        values.add(r.value());
                    }
                }
                assertEquals(List.of("before restart"), values);
            }
        }
    }
}
