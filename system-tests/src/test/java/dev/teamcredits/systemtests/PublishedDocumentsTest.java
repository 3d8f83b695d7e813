package dev.teamcredits.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Published = stored: each running (packaged) service serves at {@code /q/openapi} exactly the document its build
 * stored in {@code target/openapi/openapi.json}, which the api module merges and lints; and every operation it
 * publishes is in the merged document ({@code api/target/openapi/team-credits.json}) with the same operationId.
 */
class PublishedDocumentsTest extends SystemTestBase {

    private static final List<String> SERVICES = List.of("team-service", "ledger-service", "usage-service",
            "notification-service");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Path ROOT = Path.of(System.getProperty("teamcredits.root", "..")).toAbsolutePath()
            .normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyServiceServesTheDocumentItsBuildStored() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String service : SERVICES) {
            List<String> differences = new ArrayList<>();
            diff("", stored(service), published(service), differences);
            if (!differences.isEmpty()) {
                problems.add(service + " serves another document than " + storedFile(service) + " ("
                        + differences.size() + " differences):\n    "
                        + String.join("\n    ", differences.subList(0, Math.min(20, differences.size()))));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyPublishedOperationIsInTheMergedDocumentWithTheSameOperationId() throws Exception {
        Path mergedFile = ROOT.resolve("api/target/openapi/team-credits.json");
        assertTrue(Files.exists(mergedFile), mergedFile + " is missing: build the api module first");
        JsonNode merged = JSON.readTree(mergedFile.toFile());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (String service : SERVICES) {
            for (Iterator<Map.Entry<String, JsonNode>> paths = published(service).path("paths").fields();
                    paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (!METHODS.contains(op.getKey())) {
                        continue;
                    }
                    operations++;
                    String where = service + ": " + op.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode inMerged = merged.path("paths").path(path.getKey()).path(op.getKey());
                    if (inMerged.isMissingNode()) {
                        problems.add(where + " is not in the merged document");
                    } else if (!inMerged.path("operationId").equals(op.getValue().path("operationId"))) {
                        problems.add(where + ": operationId " + op.getValue().path("operationId") + ", "
                                + inMerged.path("operationId") + " in the merged document");
                    }
                }
            }
        }
        assertTrue(operations > 50, "the services publish only " + operations + " operations");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private JsonNode published(String service) throws IOException, InterruptedException {
        String url = SystemStack.get().service(service).baseUrl() + "/q/openapi?format=json";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET " + url);
        return JSON.readTree(response.body());
    }

    private static Path storedFile(String service) {
        return ROOT.resolve(service).resolve("target/openapi/openapi.json");
    }

    private static JsonNode stored(String service) throws IOException {
        assertTrue(Files.exists(storedFile(service)), storedFile(service) + " is missing: package the service");
        return JSON.readTree(storedFile(service).toFile());
    }

    /** The JSON pointers at which {@code a} and {@code b} differ, with both values. */
    private static void diff(String at, JsonNode a, JsonNode b, List<String> differences) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(at + "/" + name.replace("~", "~0").replace("/", "~1"), a.path(name), b.path(name), differences);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(at + "/" + i, a.get(i), b.get(i), differences);
            }
        } else {
            differences.add(at + ": stored " + abbreviate(a) + ", served " + abbreviate(b));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.isMissingNode() ? "(nothing)" : node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
