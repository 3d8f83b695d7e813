package dev.teamcredits.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How the compose and Kubernetes checks derive what production must set, and that the
 * comparison catches each kind of mistake; the real files are checked in ComposeFileTest and
 * KubernetesOverlaysTest.
 */
class ProductionSettingsTest {

    private static ServiceConfig config(String properties) {
        return new ServiceConfig("svc", ServiceConfig.load(properties));
    }

    @Test
    void localStackValuesAndCredentialsAreRequiredOthersAreNot() {
        ServiceConfig c = config("""
                quarkus.http.port=8081
                quarkus.datasource.username=postgres
                quarkus.datasource.password=postgres
                quarkus.datasource.reactive.url=postgresql://127.0.0.1:15432/ledger
                quarkus.oidc.auth-server-url=http://localhost:8180/realms/team-credits
                quarkus.oidc.credentials.secret=s3cret
                kafka.bootstrap.servers=127.0.0.1:19092
                team.plans.PRO.member-limit=5
                %test.some.url=http://127.0.0.1:1
                %prod.mail.host=localhost
                """);
        assertEquals(Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_CREDENTIALS_SECRET",
                "KAFKA_BOOTSTRAP_SERVERS", "MAIL_HOST"), c.requiredInProduction().keySet());
        assertTrue(c.requiredInProduction().get("QUARKUS_OIDC_CREDENTIALS_SECRET").credential());
    }

    @Test
    void environmentNamesFollowMicroProfileConfig() {
        assertEquals("QUARKUS_OIDC_AUTH_SERVER_URL", ServiceConfig.envName("quarkus.oidc.auth-server-url"));
        assertEquals("MP_MESSAGING_INCOMING_TEAM_EVENTS_TOPIC", ServiceConfig.envName("mp.messaging.incoming.team-events.topic"));
        assertEquals("TEAM_PLANS_PRO_PLUS_ROLLOVER", ServiceConfig.envName("team.plans.PRO_PLUS.rollover"));
    }

    /**
     * Who may do what is decided by client ids (token {@code azp}): a setting naming a client of the local realm
     * must be set for production, whose identity provider has clients of its own. Other lists are not.
     */
    @Test
    void settingsNamingAClientOfTheLocalRealmAreRequired() {
        ServiceConfig c = config("""
                ledger.trusted-clients=scraper-backend
                ledger.billing-clients=billing-backend
                teamcredits.operators.clients=someone-else, ops-console
                quarkus.oidc-client.client-id=billing-backend
                quarkus.oidc.token.audience=team-credits
                some.clients=not-a-realm-client
                some.name=billing-backend-v2
                """);
        assertEquals(Set.of("LEDGER_TRUSTED_CLIENTS", "LEDGER_BILLING_CLIENTS", "TEAMCREDITS_OPERATORS_CLIENTS",
                "QUARKUS_OIDC_CLIENT_CLIENT_ID"), c.requiredInProduction().keySet());
        assertEquals(List.of("LEDGER_BILLING_CLIENTS (ledger.billing-clients) is not set"), ProductionSettings
                .violations(config("ledger.billing-clients=billing-backend"), Map.of(), true).stream()
                .map(p -> p.substring(p.indexOf(": ") + 2)).toList());
        assertEquals(List.of(), ProductionSettings.violations(config("ledger.billing-clients=billing-backend"),
                Map.of("LEDGER_BILLING_CLIENTS", new ProductionSettings.Literal("payments-prod", "here")), true));
    }

    @Test
    void theRealServicesNeedAtLeastTheDocumentedSettings() {
        for (Repo.Service s : Repo.productionServices()) {
            assertTrue(ServiceConfig.of(s).requiredInProduction().keySet().containsAll(List.of(
                    "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL")),
                    s.name() + ": " + ServiceConfig.of(s).requiredInProduction().keySet());
        }
        assertEquals(Set.of("team-service", "ledger-service", "usage-service", "notification-service"),
                Set.copyOf(Repo.productionServices().stream().map(Repo.Service::name).toList()));
        assertTrue(ServiceConfig.of(Repo.service("ledger-service")).requiredInProduction()
                .containsKey("LEDGER_TRUSTED_CLIENTS"));
    }

    /** The billing sandbox is not built on common: it needs what it talks to, and no database. */
    @Test
    void theBillingSandboxNeedsKafkaItsClientAndTheLedger() {
        assertEquals(Set.of("billing-sandbox"), Set.copyOf(Repo.standIns().stream().map(Repo.Service::name).toList()));
        assertEquals(Set.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL",
                "QUARKUS_OIDC_CLIENT_CLIENT_ID", "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET",
                "QUARKUS_REST_CLIENT_LEDGER_URL"),
                ServiceConfig.of(Repo.service("billing-sandbox")).requiredInProduction().keySet());
    }

    @Test
    void catchesMissingLocalStackWrongDatabaseAndPlainCredentials() {
        ServiceConfig c = config("""
                quarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:15432/ledger
                quarkus.datasource.password=postgres
                kafka.bootstrap.servers=127.0.0.1:19092
                quarkus.oidc.auth-server-url=http://127.0.0.1:8180/realms/team-credits
                """);
        Map<String, ProductionSettings.Source> env = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", new ProductionSettings.Literal("jdbc:postgresql://db:5432/team", "here"),
                "QUARKUS_DATASOURCE_PASSWORD", new ProductionSettings.Literal("hunter2", "here"),
                "QUARKUS_OIDC_AUTH_SERVER_URL", new ProductionSettings.Literal("http://localhost:8180/realms/team-credits",
                        "here"));
        List<String> problems = ProductionSettings.violations(c, env, true);
        assertTrue(problems.stream().anyMatch(p -> p.contains("KAFKA_BOOTSTRAP_SERVERS") && p.contains("not set")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("JDBC_URL") && p.contains("/ledger")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("PASSWORD") && p.contains("Secret")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("OIDC") && p.contains("local stack")), problems::toString);
        assertEquals(4, problems.size(), problems::toString);

        Map<String, ProductionSettings.Source> good = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", new ProductionSettings.Literal("jdbc:postgresql://db:5432/ledger", "here"),
                "QUARKUS_DATASOURCE_PASSWORD", new ProductionSettings.FromSecret("ledger-db-app", "password"),
                "KAFKA_BOOTSTRAP_SERVERS", new ProductionSettings.Literal("kafka:9092", "here"),
                "QUARKUS_OIDC_AUTH_SERVER_URL", new ProductionSettings.Literal("https://id.example.com/realms/team-credits",
                        "here"));
        assertEquals(List.of(), ProductionSettings.violations(c, good, true));
    }

    @Test
    void topicsComeFromTheEventsModuleAndTheServicesConfiguration() {
        Set<String> topics = ProductionSettings.requiredTopics();
        assertTrue(topics.containsAll(Set.of("team.events", "ledger.events", "usage.events", "team.events.dlq",
                "ledger.events.dlq", "usage.events.dlq")), topics::toString);
        assertEquals(Set.of("a.events", "a.events.dlq", "b.in"), config("""
                mp.messaging.incoming.a.topic=a.events
                mp.messaging.incoming.a.dead-letter-queue.topic=a.events.dlq
                mp.messaging.incoming.b.topics=b.in
                mp.messaging.incoming.b.group.id=x
                """).topics());
    }
}
