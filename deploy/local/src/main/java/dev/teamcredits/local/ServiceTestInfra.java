package dev.teamcredits.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Test resource for one service's {@code @QuarkusTest}s: a real PostgreSQL database of its own,
 * a real Kafka broker and a loopback OIDC issuer, started once per test JVM. External servers
 * named by {@link Settings} are used instead when set; the database is then unique per run and
 * dropped at the end. Init arg {@code database}: the service's database name.
 */
public class ServiceTestInfra implements QuarkusTestResourceLifecycleManager {

    private String database = "app";
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private LoopbackIssuer issuer;
    private String databaseName;
    private InfraControl control;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Path work = Path.of("target", "test-infra").toAbsolutePath();
        postgres = PostgresServer.startOrConnect(work.resolve("postgres"), 0, true);
        databaseName = postgres.isEmbedded() ? database
                : database + "_test_" + UUID.randomUUID().toString().substring(0, 8);
        PostgresServer.Database db = postgres.database(databaseName);
        kafka = KafkaBroker.startOrConnect(work.resolve("kafka"), 0, true);
        if (kafka.isEmbedded()) {
            control = InfraControl.serve(kafka, postgres.isEmbedded() ? postgres : null);
        }
        issuer = LoopbackIssuer.start();
        System.setProperty(TestTokens.TOKEN_URL_PROPERTY, issuer.tokenUrl());
        return Map.of(
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password(),
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.oidc.auth-server-url", issuer.realmUrl());
    }

    @Override
    public void stop() {
        if (control != null) {
            control.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            if (!postgres.isEmbedded()) {
                postgres.dropDatabase(databaseName);
            }
            postgres.close();
        }
    }
}
