package dev.teamcredits.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teamcredits.local.KeycloakServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: it parses, it is valid Compose, and it runs every service and stand-in (the
 * billing sandbox) with what its configuration needs in production, after the servers it talks to
 * are healthy.
 */
class ComposeFileTest {

    private static ObjectNode compose;
    private static ObjectNode services;

    @BeforeAll
    static void parse() {
        compose = ComposeFile.document();
        services = ComposeFile.services();
    }

    @Test
    void validatesAgainstTheComposeSpecification() {
        List<String> errors = Tools.validateCompose(compose);
        assertTrue(errors.isEmpty(), "docker-compose.yml is not valid Compose:\n" + String.join("\n", errors));
    }

    @Test
    void everyServiceGetsWhatItNeedsInProduction() {
        List<String> problems = new ArrayList<>();
        for (Repo.Service s : Repo.services()) {
            JsonNode svc = services.get(s.name());
            if (svc == null) {
                problems.add(s.name() + ": no compose service of that name");
                continue;
            }
            problems.addAll(ProductionSettings.violations(ServiceConfig.of(s), ComposeFile.environment(s.name()), false));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void servicesRunTheImagesTheImageProfileBuilds() {
        ImageProfile profile = ImageProfile.read();
        for (Repo.Service s : Repo.services()) {
            assertEquals(profile.imageOf(s.name()), services.path(s.name()).path("image").asText(),
                    s.name() + " must run the image `./mvnw verify -Pimage` builds");
            assertEquals("never", services.path(s.name()).path("pull_policy").asText(),
                    s.name() + "'s image is built locally, not pulled");
        }
    }

    @Test
    void servicesPublishTheirPortAndReportReadiness() {
        for (Repo.Service s : Repo.services()) {
            int port = ServiceConfig.of(s).httpPort();
            JsonNode svc = services.get(s.name());
            boolean published = false;
            for (JsonNode p : svc.path("ports")) {
                published |= p.asText().endsWith(":" + port);
            }
            assertTrue(published, s.name() + " must publish its HTTP port " + port);
            String health = String.join(" ", texts(svc.path("healthcheck").path("test")));
            assertTrue(health.contains("/" + port) && health.contains("/q/health/ready"),
                    s.name() + "'s health check must ask /q/health/ready on port " + port + ": " + health);
        }
    }

    /**
     * A service starts only once every server its settings name (postgres, kafka, keycloak) is
     * healthy, directly or through a one-shot job that waited for it (kafka-init); compose rejects a
     * service_healthy condition on a container without a health check.
     */
    @Test
    void servicesStartAfterWhatTheyTalkToIsHealthy() {
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            e.getValue().path("depends_on").fields().forEachRemaining(dep -> {
                String condition = dep.getValue().path("condition").asText();
                JsonNode target = services.get(dep.getKey());
                if (target == null) {
                    problems.add(e.getKey() + " depends on unknown service " + dep.getKey());
                } else if (condition.equals("service_healthy") && !target.has("healthcheck")) {
                    problems.add(e.getKey() + " waits for " + dep.getKey() + " to be healthy, which has no health check");
                } else if (condition.equals("service_completed_successfully")
                        && !target.path("restart").asText().equals("no")) {
                    problems.add(e.getKey() + " waits for " + dep.getKey() + " to complete, which is not a one-shot job");
                } else if (!condition.equals("service_healthy") && !condition.equals("service_completed_successfully")) {
                    problems.add(e.getKey() + " → " + dep.getKey() + ": only wait for healthy or completed, not "
                            + (condition.isEmpty() ? "(list form)" : condition));
                }
            });
        });
        for (Repo.Service s : Repo.services()) {
            Set<String> reached = dependencies(s.name());
            for (var env : ComposeFile.environment(s.name()).entrySet()) {
                if (env.getValue() instanceof ProductionSettings.Literal literal) {
                    for (String host : hosts(literal.value())) {
                        if (services.has(host) && !reached.contains(host)) {
                            problems.add(s.name() + " talks to " + host + " (" + env.getKey()
                                    + ") but does not wait for it");
                        }
                    }
                }
            }
        }
        services.fields().forEachRemaining(e -> {
            boolean oneShot = e.getValue().path("restart").asText().equals("no");
            if (!oneShot && !e.getValue().has("healthcheck")) {
                problems.add(e.getKey() + " has no health check");
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The init script creates each service's database, owned by the role the service logs in as. */
    @Test
    void postgresInitScriptCreatesEveryServiceDatabase() {
        Path script = initScript();
        String sql = Repo.read(script);
        Map<String, String> passwords = new LinkedHashMap<>();
        Matcher role = Pattern.compile("(?i)CREATE\\s+ROLE\\s+(\\w+)\\s+LOGIN\\s+PASSWORD\\s+'([^']*)'").matcher(sql);
        while (role.find()) {
            passwords.put(role.group(1), role.group(2));
        }
        Map<String, String> owners = new LinkedHashMap<>();
        Matcher db = Pattern.compile("(?i)CREATE\\s+DATABASE\\s+(\\w+)\\s+OWNER\\s+(\\w+)").matcher(sql);
        while (db.find()) {
            owners.put(db.group(1), db.group(2));
        }
        for (Repo.Service s : Repo.services()) {
            if (!ServiceConfig.of(s).hasDatabase()) {
                continue;
            }
            String database = ServiceConfig.of(s).database();
            String user = ComposeFile.value(s.name(), "QUARKUS_DATASOURCE_USERNAME");
            assertEquals(user, owners.get(database), s.name() + ": " + script.getFileName()
                    + " must create database " + database + " owned by " + user);
            assertEquals(ComposeFile.value(s.name(), "QUARKUS_DATASOURCE_PASSWORD"), passwords.get(user),
                    s.name() + ": the role " + user + " must have the password compose gives the service");
        }
    }

    @Test
    void kafkaInitCreatesEveryTopic() {
        JsonNode init = services.get("kafka-init");
        assertNotNull(init, "a one-shot kafka-init service creates the topics");
        String command = String.join(" ", texts(init.path("command"))) + " " + String.join(" ", texts(init.path("entrypoint")));
        for (String topic : ProductionSettings.requiredTopics()) {
            assertTrue(Pattern.compile("(?<![\\w.])" + Pattern.quote(topic) + "(?![\\w.])").matcher(command).find(),
                    "kafka-init does not create " + topic);
        }
        assertEquals("false", services.path("kafka").path("environment").path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText(),
                "as in Kubernetes, topics exist only because they are declared");
    }

    @Test
    void keycloakImportsTheLocalStacksRealm() {
        boolean mounted = false;
        for (JsonNode v : services.path("keycloak").path("volumes")) {
            String source = v.asText().split(":")[0];
            mounted |= Repo.ROOT.resolve(source).normalize().equals(Repo.ROOT.resolve(KeycloakServer.REALM_FILE));
        }
        assertTrue(mounted, "keycloak must mount " + KeycloakServer.REALM_FILE);
        assertTrue(texts(services.path("keycloak").path("command")).contains("--import-realm"));
    }

    @Test
    void everyMountedFileExists() {
        services.fields().forEachRemaining(e -> {
            for (JsonNode v : e.getValue().path("volumes")) {
                String source = v.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertTrue(Files.exists(Repo.ROOT.resolve(source)), e.getKey() + " mounts missing " + source);
                }
            }
        });
    }

    private static Path initScript() {
        for (JsonNode v : services.path("postgres").path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts.length >= 2 && parts[1].startsWith("/docker-entrypoint-initdb.d/")) {
                return Repo.ROOT.resolve(parts[0]).normalize();
            }
        }
        throw new AssertionError("postgres mounts no init script into /docker-entrypoint-initdb.d");
    }

    private static Set<String> dependencies(String service) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(service));
        while (!todo.isEmpty()) {
            services.path(todo.pop()).path("depends_on").fieldNames().forEachRemaining(d -> {
                if (seen.add(d)) {
                    todo.push(d);
                }
            });
        }
        return seen;
    }

    /** Host names in a setting: postgresql://postgres:5432/x, kafka:9092, http://keycloak:8080/... */
    private static Set<String> hosts(String value) {
        Set<String> hosts = new HashSet<>();
        Matcher m = Pattern.compile("(?:^|//|,)([A-Za-z][A-Za-z0-9.-]*):\\d+").matcher(value);
        while (m.find()) {
            hosts.add(m.group(1));
        }
        return hosts;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            texts.add(node.asText());
        }
        return texts;
    }
}
