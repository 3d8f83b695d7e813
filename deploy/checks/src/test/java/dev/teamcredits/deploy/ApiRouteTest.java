package dev.teamcredits.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The API at one address (components/api-gateway, HTTPRoute {@value #ROUTE}), as every overlay renders it: every
 * operation of every service's stored OpenAPI document and of the merged one (api module), its path parameters
 * replaced by a sample value, matches exactly one of the route's matches (Gateway API semantics: Exact, PathPrefix on
 * segment boundaries, RegularExpression as a full match), and that match's rule sends it to the Service of the
 * service that owns it, on that Service's port. A new endpoint no rule reaches, or two reach, fails here. The
 * services' management paths (/q/...) are reached by none.
 */
class ApiRouteTest {

    static final String ROUTE = "team-credits-api";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");
    private static final List<String> NOT_PUBLISHED = List.of("/q/health", "/q/health/ready", "/q/metrics",
            "/q/openapi", "/", "/v1", "/v2/orgs");

    private static final Map<String, List<ObjectNode>> RENDERED = new TreeMap<>();
    /** Document name (a service, or "merged") → "METHOD path" → the service that owns it. */
    private static final Map<String, Map<String, String>> OPERATIONS = new LinkedHashMap<>();

    @BeforeAll
    static void renderAndRead() throws IOException {
        try (Stream<Path> dirs = Files.list(Repo.K8S.resolve("overlays"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                RENDERED.put(dir.getFileName().toString(), Tools.kustomize(dir));
            }
        }
        Map<String, String> firstOwner = new LinkedHashMap<>();
        for (Repo.Service s : Repo.productionServices()) {
            Map<String, String> operations = new TreeMap<>();
            for (String key : operations(document(s.dir().resolve("target/openapi/openapi.json"))).keySet()) {
                firstOwner.putIfAbsent(key, s.name());
                operations.put(key, firstOwner.get(key)); // served by several (whoami): the first service owns it
            }
            OPERATIONS.put(s.name(), operations);
        }
        Map<String, String> merged = new TreeMap<>();
        operations(document(Repo.ROOT.resolve("api/target/openapi/team-credits.json")))
                .forEach((key, op) -> merged.put(key, op.path("x-service").asText() + "-service"));
        OPERATIONS.put("merged", merged);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationOfEveryDocumentReachesExactlyItsOwnService() {
        return RENDERED.entrySet().stream().map(overlay -> dynamicTest(overlay.getKey(), () -> {
            Route route = route(overlay.getValue());
            List<String> problems = new ArrayList<>();
            int checked = 0;
            for (Map.Entry<String, Map<String, String>> document : OPERATIONS.entrySet()) {
                for (Map.Entry<String, String> op : document.getValue().entrySet()) {
                    String method = op.getKey().substring(0, op.getKey().indexOf(' '));
                    String path = PARAMETER.matcher(op.getKey().substring(method.length() + 1)).replaceAll("x1");
                    List<Route.Match> matches = route.matching(method, path);
                    String owner = op.getValue();
                    int port = servicePort(overlay.getValue(), owner);
                    checked++;
                    if (matches.size() != 1) {
                        problems.add(document.getKey() + ": " + op.getKey() + " (as " + path + ") matches "
                                + matches.size() + " matches, not exactly one: " + matches);
                    } else if (!matches.get(0).backend().equals(owner + ":" + port)) {
                        problems.add(document.getKey() + ": " + op.getKey() + " goes to " + matches.get(0).backend()
                                + ", not to its service " + owner + ":" + port + " (" + matches.get(0) + ")");
                    }
                }
            }
            assertTrue(checked > 50, "only " + checked + " operations found: are the services and api built?");
            assertTrue(problems.isEmpty(), "overlays/" + overlay.getKey() + ", HTTPRoute " + ROUTE + ":\n"
                    + String.join("\n", problems));
        }));
    }

    @TestFactory
    Stream<DynamicTest> theManagementPathsAreReachedByNoRule() {
        return RENDERED.entrySet().stream().map(overlay -> dynamicTest(overlay.getKey(), () -> {
            Route route = route(overlay.getValue());
            for (String path : NOT_PUBLISHED) {
                assertEquals(List.of(), route.matching("GET", path), path + " must not be routed");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theRouteAttachesToTheOperatorsGateway() {
        return RENDERED.entrySet().stream().map(overlay -> dynamicTest(overlay.getKey(), () -> {
            JsonNode parents = route(overlay.getValue()).object().path("spec").path("parentRefs");
            assertEquals(1, parents.size(), "one parent: " + parents);
            assertEquals("Gateway", parents.path(0).path("kind").asText("Gateway"));
            assertEquals("team-credits", parents.path(0).path("name").asText());
        }));
    }

    // ---------------------------------------------------------------------------------------------

    private static Route route(List<ObjectNode> objects) {
        List<ObjectNode> routes = objects.stream().filter(o -> o.path("kind").asText().equals("HTTPRoute")).toList();
        assertEquals(List.of(ROUTE), routes.stream().map(o -> o.path("metadata").path("name").asText()).toList(),
                "one HTTPRoute, " + ROUTE);
        return new Route(routes.get(0));
    }

    private static int servicePort(List<ObjectNode> objects, String service) {
        return KubernetesOverlaysTest.find(objects, "Service", service)
                .orElseThrow(() -> new AssertionError("no Service " + service)).path("spec").path("ports").path(0)
                .path("port").asInt();
    }

    private static JsonNode document(Path file) throws IOException {
        assertTrue(Files.exists(file), file + " is missing: build the services and the api module first "
                + "(./mvnw package -pl deploy/checks -am, or the whole reactor)");
        return Tools.JSON.readTree(file.toFile());
    }

    private static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m -> {
            if (METHODS.contains(m.getKey())) {
                operations.put(m.getKey().toUpperCase() + " " + path.getKey(), m.getValue());
            }
        }));
        return operations;
    }

    /** An HTTPRoute's matches, each with its rule's backend, matched as the Gateway API specifies for paths. */
    record Route(ObjectNode object) {

        record Match(String type, String value, String method, String backend) {
            boolean matches(String requestMethod, String path) {
                if (method != null && !method.equalsIgnoreCase(requestMethod)) {
                    return false;
                }
                return switch (type) {
                    case "Exact" -> path.equals(value);
                    case "PathPrefix" -> {
                        String prefix = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                        yield prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
                    }
                    case "RegularExpression" -> Pattern.compile(value).matcher(path).matches();
                    default -> throw new AssertionError("unknown path match type " + type);
                };
            }

            @Override
            public String toString() {
                return type + " " + value + (method == null ? "" : " " + method) + " → " + backend;
            }
        }

        List<Match> matching(String method, String path) {
            List<Match> all = new ArrayList<>();
            for (JsonNode rule : object.path("spec").path("rules")) {
                JsonNode backends = rule.path("backendRefs");
                assertEquals(1, backends.size(), "each rule sends to one backend: " + rule);
                JsonNode ref = backends.path(0);
                assertEquals("Service", ref.path("kind").asText("Service"), "backends are Services: " + ref);
                String backend = ref.path("name").asText() + ":" + ref.path("port").asInt();
                // A rule without matches, and a match without a path, match every path ("/" prefix).
                List<JsonNode> matches = new ArrayList<>();
                rule.path("matches").forEach(matches::add);
                if (matches.isEmpty()) {
                    matches.add(Tools.JSON.createObjectNode());
                }
                for (JsonNode match : matches) {
                    match.fieldNames().forEachRemaining(field -> assertTrue(Set.of("path", "method").contains(field),
                            "the route matches on paths (and methods) only; this test does not know " + field));
                    Match m = new Match(match.path("path").path("type").asText("PathPrefix"),
                            match.path("path").path("value").asText("/"),
                            match.has("method") ? match.path("method").asText() : null, backend);
                    if (m.matches(method, path)) {
                        all.add(m);
                    }
                }
            }
            return all;
        }
    }
}
