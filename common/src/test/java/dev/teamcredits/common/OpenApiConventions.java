package dev.teamcredits.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Holds a running service's OpenAPI document to the conventions a generated client relies on, for the operations
 * the service itself declares (common's shared resources and the responses common adds are common's to check):
 * <ul>
 * <li>each has its stable camelCase {@code operationId}, a summary and exactly one tag, declared with a description;</li>
 * <li>each 4xx/5xx response it declares ends its description with the problem slugs it carries, in parentheses;</li>
 * <li>an {@code Idempotency-Key} header is declared exactly where expected, required exactly where the service
 * refuses a request without it;</li>
 * <li>every list it pages takes {@code cursor} and an integer {@code limit} (1 to max, a default) and answers
 * {@code {"items": [...], "nextCursor": …}}.</li>
 * </ul>
 */
public final class OpenApiConventions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OPERATION_ID = Pattern.compile("^[a-z][a-zA-Z0-9]+$");
    private static final Pattern SLUGS = Pattern.compile(".*\\(([a-z0-9]+(-[a-z0-9]+)*)(, [a-z0-9]+(-[a-z0-9]+)*)*\\)$",
            Pattern.DOTALL);
    /** What Quarkus adds on its own to secured operations; common's filter owns these. */
    private static final Set<String> GENERATED = Set.of("Not Authorized", "Not Allowed");

    private final JsonNode doc;

    private OpenApiConventions(JsonNode doc) {
        this.doc = doc;
    }

    /** The document the running service publishes. */
    public static OpenApiConventions published() {
        try {
            return new OpenApiConventions(JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then()
                    .statusCode(200).extract().asString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param operationIds "method path" → operationId of every operation the service declares, e.g.
     *                     {@code "post /v1/orgs/{orgId}/spends" → "createSpend"}
     */
    public void operationsAreNamedSummarizedAndTaggedOnce(Map<String, String> operationIds) {
        Map<String, String> found = new TreeMap<>();
        Set<String> declaredTags = new TreeSet<>();
        doc.path("tags").forEach(tag -> {
            assertTrue(!tag.path("description").asText("").isBlank(), "tag " + tag.path("name") + " has no description");
            declaredTags.add(tag.path("name").asText());
        });
        operations((name, operation) -> {
            if (!operationIds.containsKey(name)) {
                return;
            }
            String id = operation.path("operationId").asText(null);
            found.put(name, id);
            assertTrue(id != null && OPERATION_ID.matcher(id).matches(), name + ": operationId " + id);
            assertTrue(!operation.path("summary").asText("").isBlank(), name + " has no summary");
            assertEquals(1, operation.path("tags").size(), name + " has tags " + operation.path("tags"));
            assertTrue(declaredTags.contains(operation.path("tags").get(0).asText()),
                    name + "'s tag " + operation.path("tags") + " is not declared with a description");
        });
        assertEquals(new TreeMap<>(operationIds), found);
        assertEquals(operationIds.size(), new TreeSet<>(operationIds.values()).size(), "operationIds are unique");
    }

    /** Every 4xx/5xx response the service declares on these operations ends with its problem slugs. */
    public void errorResponsesEndWithTheirProblemSlugs(Set<String> operations) {
        operations((name, operation) -> {
            if (!operations.contains(name)) {
                return;
            }
            operation.path("responses").fields().forEachRemaining(response -> {
                String code = response.getKey();
                String description = response.getValue().path("description").asText("");
                if ((code.startsWith("4") || code.startsWith("5")) && !GENERATED.contains(description)) {
                    assertTrue(SLUGS.matcher(description).matches(),
                            name + " " + code + " does not end with its problem slugs: " + description);
                }
            });
        });
    }

    /**
     * @param keyed "method path" of every operation that takes an Idempotency-Key → whether it requires it
     */
    public void idempotencyKeysAreDeclaredWhereTaken(Map<String, Boolean> keyed) {
        Map<String, Boolean> found = new TreeMap<>();
        operations((name, operation) -> operation.path("parameters").forEach(p -> {
            if (p.path("in").asText().equals("header") && p.path("name").asText().equals("Idempotency-Key")) {
                found.put(name, p.path("required").asBoolean(false));
                assertTrue(!p.path("description").asText("").isBlank(), name + ": the key has no description");
            }
        }));
        assertEquals(new TreeMap<>(keyed), found);
    }

    /**
     * @param own        "method path" of the operations the service declares (common's are common's)
     * @param pagedLists those of them that page a list
     * @param maxLimit   the largest limit the lists take
     */
    public void pagedListsShareOneShape(Set<String> own, Set<String> pagedLists, int maxLimit) {
        Set<String> found = new TreeSet<>();
        operations((name, operation) -> {
            if (!own.contains(name)) {
                return;
            }
            Map<String, JsonNode> params = new TreeMap<>();
            operation.path("parameters").forEach(p -> params.put(p.path("in").asText() + " " + p.path("name").asText(), p));
            if (!params.containsKey("query limit") && !params.containsKey("query cursor")) {
                return;
            }
            found.add(name);
            assertTrue(params.containsKey("query cursor"), name + " takes a limit but no cursor");
            JsonNode limit = params.get("query limit").path("schema");
            assertEquals("integer", limit.path("type").asText(), name + " limit: " + limit);
            assertEquals(1, limit.path("minimum").asInt(), name + " limit: " + limit);
            assertEquals(maxLimit, limit.path("maximum").asInt(), name + " limit: " + limit);
            assertTrue(limit.has("default"), name + " limit has no default");
            JsonNode page = resolve(operation.path("responses").path("200").path("content").path("application/json")
                    .path("schema"));
            assertEquals("array", page.path("properties").path("items").path("type").asText(), name + ": " + page);
            assertTrue(page.path("properties").has("nextCursor"), name + ": no nextCursor in " + page);
            assertEquals(Set.of("items", "nextCursor"), fieldNames(page.path("properties")), name + ": " + page);
        });
        assertEquals(new TreeSet<>(pagedLists), found);
    }

    /** The enum a query parameter of an operation declares. */
    public List<String> queryEnum(String operation, String parameter) {
        List<String> values = new ArrayList<>();
        operations((name, op) -> {
            if (name.equals(operation)) {
                op.path("parameters").forEach(p -> {
                    if (p.path("in").asText().equals("query") && p.path("name").asText().equals(parameter)) {
                        p.path("schema").path("enum").forEach(v -> values.add(v.asText()));
                    }
                });
            }
        });
        return values;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/")
                ? doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()))
                : schema;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void operations(java.util.function.BiConsumer<String, JsonNode> each) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    each.accept(op.getKey() + " " + path.getKey(), op.getValue());
                }
            });
        }
    }
}
