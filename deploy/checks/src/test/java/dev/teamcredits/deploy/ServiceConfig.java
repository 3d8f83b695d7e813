package dev.teamcredits.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.local.KeycloakServer;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A service's configuration as it ships: the shared defaults in common's
 * microprofile-config.properties (for the modules built on common) overridden by the service's
 * application.properties. From it the checks derive what production must set, so a setting added
 * later is checked without touching the checks.
 */
final class ServiceConfig {

    static final Path COMMON_DEFAULTS = Repo.ROOT.resolve(
            "common/src/main/resources/META-INF/microprofile-config.properties");

    private static final Pattern LOCAL_STACK = Pattern.compile("(?i)\\b(127\\.0\\.0\\.1|localhost)\\b");
    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(username|password|secret).*");
    private static final Pattern TOPIC_KEY = Pattern.compile(
            "mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|topics|dead-letter-queue\\.topic)");

    private final String service;
    private final Map<String, String> properties;

    ServiceConfig(String service, Map<String, String> properties) {
        this.service = service;
        this.properties = properties;
    }

    static ServiceConfig of(Repo.Service service) {
        Map<String, String> merged = new TreeMap<>(service.usesCommon() ? load(Repo.read(COMMON_DEFAULTS)) : Map.of());
        merged.putAll(load(Repo.read(service.applicationProperties())));
        return new ServiceConfig(service.name(), merged);
    }

    /**
     * Properties as the prod profile sees them: {@code %prod.} keys override plain ones, other
     * profiles' keys ({@code %test.}, {@code %dev.}) are dropped.
     */
    static Map<String, String> load(String text) {
        Properties raw = new Properties();
        try {
            raw.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> prod = new TreeMap<>();
        for (String key : raw.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                prod.put(key.substring("%prod.".length()), raw.getProperty(key));
            } else if (!key.startsWith("%")) {
                plain.put(key, raw.getProperty(key));
            }
        }
        plain.putAll(prod);
        return plain;
    }

    /** MicroProfile Config's environment variable name: uppercase, every non-alphanumeric an underscore. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A setting production must provide, and the local-stack default it replaces. */
    record Requirement(String property, String env, String localDefault, boolean credential) {
    }

    /**
     * Every property whose default points at the local stack (127.0.0.1, localhost), is a
     * credential (its name mentions username, password or secret) or names a client of the local
     * realm (its value, or an item of its comma-separated list, is a {@code clientId} of the
     * committed realm file: who may do what is decided by client ids, and production's identity
     * provider has its own), keyed by environment variable.
     */
    Map<String, Requirement> requiredInProduction() {
        Map<String, Requirement> required = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            boolean credential = Arrays.stream(key.split("\\.")).anyMatch(s -> CREDENTIAL.matcher(s).matches());
            if (credential || LOCAL_STACK.matcher(value).find() || namesLocalRealmClient(value)) {
                required.put(envName(key), new Requirement(key, envName(key), value, credential));
            }
        });
        return required;
    }

    static boolean namesLocalRealmClient(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).anyMatch(LocalRealm.CLIENTS::contains);
    }

    /** The client ids of the realm the local stack, the tests and compose import. */
    private static final class LocalRealm {
        static final Set<String> CLIENTS = read();

        private static Set<String> read() {
            Set<String> clients = new TreeSet<>();
            try {
                new ObjectMapper().readTree(Repo.ROOT.resolve(KeycloakServer.REALM_FILE).toFile()).path("clients")
                        .forEach(c -> clients.add(c.path("clientId").asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (clients.isEmpty()) {
                throw new IllegalStateException("No clients in " + KeycloakServer.REALM_FILE);
            }
            return clients;
        }
    }

    static boolean pointsAtLocalStack(String value) {
        return LOCAL_STACK.matcher(value).find();
    }

    /**
     * The path of a URL-like value ({@code /ledger} in {@code jdbc:postgresql://h:5432/ledger}), which
     * production must keep: it names the service's own database or the OIDC realm.
     */
    static Optional<String> urlPath(String value) {
        String withoutJdbc = value.startsWith("jdbc:") ? value.substring("jdbc:".length()) : value;
        if (!withoutJdbc.contains("://")) {
            return Optional.empty();
        }
        try {
            String path = URI.create(withoutJdbc).getPath();
            return path == null || path.isEmpty() || path.equals("/") ? Optional.empty() : Optional.of(path);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    String service() {
        return service;
    }

    Map<String, String> properties() {
        return properties;
    }

    int httpPort() {
        return Integer.parseInt(required("quarkus.http.port"));
    }

    /** Whether the service has a database of its own (the stand-ins have none). */
    boolean hasDatabase() {
        return properties.containsKey("quarkus.datasource.jdbc.url");
    }

    /** The database name, from the JDBC URL Flyway uses. */
    String database() {
        return urlPath(required("quarkus.datasource.jdbc.url")).orElseThrow().substring(1);
    }

    /** Topics named by the service's messaging channels, dead-letter topics included. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (TOPIC_KEY.matcher(key).matches()) {
                Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty()).forEach(topics::add);
            }
        });
        return topics;
    }

    private String required(String key) {
        String value = properties.get(key);
        if (value == null) {
            throw new IllegalStateException(service + " has no " + key);
        }
        return value;
    }
}
