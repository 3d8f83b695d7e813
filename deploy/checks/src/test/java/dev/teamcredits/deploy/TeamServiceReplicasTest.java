package dev.teamcredits.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teamcredits.events.Topics;
import dev.teamcredits.local.ChildProcess;
import dev.teamcredits.local.KafkaBroker;
import dev.teamcredits.local.LoopbackIssuer;
import dev.teamcredits.local.Ports;
import dev.teamcredits.local.PostgresServer;
import dev.teamcredits.local.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The claim deploy/README.md makes for several replicas, tested on the packaged team-service:
 * two instances (started as Kubernetes would, from environment variables only) share one database
 * and one Kafka cluster, changes to many orgs hit both at once, and every team event reaches
 * Kafka exactly once, keyed by its org and in the order the changes were made; when one replica
 * stops, the other keeps publishing. It also asks the probe paths of the rendered Deployment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamServiceReplicasTest {

    private static final Path WORK = Path.of("target/replicas").toAbsolutePath();
    private static final int ORGS = 12;
    private static final int THREADS = 4;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(60);

    private static PostgresServer postgres;
    private static String database;
    private static KafkaBroker kafka;
    private static LoopbackIssuer issuer;
    private static final List<ChildProcess> replicas = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        Path jar = Repo.service("team-service").packagedJar();
        assertTrue(Files.exists(jar), jar + " is missing: package team-service first (./mvnw package -pl team-service -am, "
                + "or run the whole build: ./mvnw verify)");
        Dirs.delete(WORK);
        postgres = PostgresServer.startOrConnect(WORK.resolve("postgres"), 0, true);
        database = "team_replicas_" + UUID.randomUUID().toString().substring(0, 8);
        PostgresServer.Database db = postgres.database(database);
        kafka = KafkaBroker.startOrConnect(WORK.resolve("kafka"), 0, true);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.TEAM, 6, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        issuer = LoopbackIssuer.start();
        System.setProperty(TestTokens.TOKEN_URL_PROPERTY, issuer.tokenUrl());
        for (String name : List.of("a", "b")) {
            int port = Ports.free();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", db.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.realmUrl());
            // Both start at once: Flyway's lock must let only one migrate.
            replicas.add(ChildProcess.start("team-service-" + name, List.of(ChildProcess.javaBinary(), "-Xmx256m",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString()), env, WORK,
                    WORK.resolve("team-service-" + name + ".log")));
            ports.add(port);
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (int i = 0; i < replicas.size(); i++) {
            while (status(ports.get(i), "/q/health/ready") != 200) {
                ChildProcess p = replicas.get(i);
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError(p.name() + " did not become ready; its log ends with:\n" + p.logTail(40));
                }
                Thread.sleep(300);
            }
        }
    }

    @AfterAll
    static void stopEverything() {
        replicas.forEach(ChildProcess::stop);
        if (issuer != null) {
            issuer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            if (!postgres.isEmbedded() && database != null) {
                postgres.dropDatabase(database);
            }
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void theDeploymentsProbePathsAnswerOnEveryReplica() {
        ObjectNode deployment = KubernetesOverlaysTest.find(Tools.kustomize(Repo.K8S.resolve("base")), "Deployment",
                "team-service").orElseThrow();
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = container.path(probe).path("httpGet").path("path").asText();
            for (int port : ports) {
                assertEquals(200, status(port, path), probe + " " + path + " on port " + port);
            }
        }
    }

    /** Stops one replica half-way, so it runs last. */
    @Test
    @Order(2)
    void twoReplicasPublishEveryTeamEventExactlyOnceInOrderPerOrg() throws Exception {
        Map<String, List<String>> expected = new ConcurrentHashMap<>();
        List<String> orgs = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, String> tokens = new ConcurrentHashMap<>();

        // Phase 1: both replicas take writes for every org, interleaved, from several threads.
        runOnOrgs(THREADS, i -> {
            String token = TestTokens.user(UUID.randomUUID().toString(), "admin" + i + "@acme.example");
            JsonNode org = send(ports.get(i % 2), "POST", "/v1/orgs", token,
                    "{\"name\":\"Replica org " + i + "\",\"plan\":\"PRO\"}", 201);
            String orgId = org.path("id").asText();
            orgs.add(orgId);
            tokens.put(orgId, token);
            List<String> events = new ArrayList<>(List.of("team.org.created", "team.member.joined"));
            changes(orgId, token, events, 0, 6);
            expected.put(orgId, events);
        });
        Map<String, List<ConsumerRecord<String, String>>> received = awaitEvents(expected);

        // Phase 2: one replica stops (as in a rolling update); the other relays what follows.
        replicas.get(0).stop();
        runOnOrgs(THREADS, i -> {
            String orgId = orgs.get(i);
            changes(orgId, tokens.get(orgId), expected.get(orgId), 6, 4);
        });
        received = awaitEvents(expected);

        Set<String> ids = new HashSet<>();
        for (var e : received.entrySet()) {
            List<String> actual = new ArrayList<>();
            Set<Integer> partitions = new HashSet<>();
            for (ConsumerRecord<String, String> r : e.getValue()) {
                JsonNode event = Tools.JSON.readTree(r.value());
                assertTrue(ids.add(event.path("id").asText()), "event " + event.path("id") + " was published twice");
                actual.add(describe(event));
                partitions.add(r.partition());
            }
            assertEquals(expected.get(e.getKey()), actual, "events of org " + e.getKey() + " out of order or missing");
            assertEquals(1, partitions.size(), "one org's events share one partition (keyed by org id)");
        }
        assertEquals(ORGS, received.size());
    }

    /** Changes number {@code from} to {@code from + count - 1} of an org, alternating the replica asked. */
    private static void changes(String orgId, String token, List<String> events, int from, int count) {
        String[] plans = { "PRO_PLUS", "ENTERPRISE", "PRO" };
        for (int c = from; c < from + count; c++) {
            int port = ports.get(replicas.get(0).isAlive() ? c % 2 : 1);
            if (c % 2 == 0) {
                boolean fallback = (c / 2) % 2 == 1; // the default is on: off, on, off, ...
                send(port, "PATCH", "/v1/orgs/" + orgId + "/settings", token, "{\"personalFallback\":" + fallback + "}", 200);
                events.add("team.org.settings-changed personalFallback=" + fallback);
            } else {
                String plan = plans[(c / 2) % plans.length];
                send(port, "PUT", "/v1/orgs/" + orgId + "/plan", token, "{\"plan\":\"" + plan + "\"}", 200);
                events.add("team.org.plan-changed to=" + plan);
            }
        }
    }

    private static String describe(JsonNode event) {
        String type = event.path("type").asText().replaceFirst("^dev\\.teamcredits\\.", "").replaceFirst("\\.v\\d+$", "");
        return switch (type) {
            case "team.org.settings-changed" -> type + " personalFallback="
                    + event.at("/data/settings/personalFallback").asBoolean();
            case "team.org.plan-changed" -> type + " to=" + event.at("/data/to").asText();
            default -> type;
        };
    }

    /** Reads team.events from the start until every expected event arrived, then a little longer for duplicates. */
    private static Map<String, List<ConsumerRecord<String, String>>> awaitEvents(Map<String, List<String>> expected) {
        int total = expected.values().stream().mapToInt(List::size).sum();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "replicas-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<ConsumerRecord<String, String>>> byOrg = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.TEAM));
            long deadline = System.nanoTime() + EVENTS_TIMEOUT.toNanos();
            long quietUntil = Long.MAX_VALUE;
            int seen = 0;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (expected.containsKey(r.key())) {
                        byOrg.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
                        seen++;
                    }
                }
                if (seen >= total && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
            assertTrue(seen >= total, "only " + seen + " of " + total + " team events reached Kafka within " + EVENTS_TIMEOUT);
        }
        return byOrg;
    }

    private interface OrgWork {
        void run(int org) throws Exception;
    }

    private static void runOnOrgs(int threads, OrgWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < ORGS; i++) {
                int org = i;
                futures.add(pool.submit(() -> {
                    work.run(org);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode send(int port, String method, String path, String token, String body, int expectedStatus) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(expectedStatus, r.statusCode(), method + " " + path + " on " + port + ": " + r.body());
            return Tools.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " on " + port + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Deletes the previous run's data. */
    private static final class Dirs {
        static void delete(Path dir) throws IOException {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
