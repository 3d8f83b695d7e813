package dev.teamcredits.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Our own rules for every API document (each service's stored one and the merged one), which Redocly does not
 * check. Each rule is a test per document listing every place that breaks it; the counts per document and rule
 * are printed at the end.
 */
class ApiRulesTest {

    private static final Pattern OPERATION_ID = Pattern.compile("^[a-z][a-zA-Z0-9]+$");
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /**
     * Operations that take no {@code Idempotency-Key} although the rule would ask for one, and why. Keys are
     * "METHOD path"; the ledger's parked-event re-drive also under its own path.
     */
    static final Map<String, String> NO_IDEMPOTENCY_KEY = Map.of(
            "POST /v1/orgs/{orgId}/transfers/preview", "changes nothing: it answers what a transfer would do",
            "POST /v1/orgs/{orgId}/spends/batch", "each item carries its own idempotencyKey, the single spend's key",
            "POST /v1/operator/ledger/parked-events/{id}/redrive", "re-applies a parked event, which the consumer "
                    + "applies once by its event id");
    private static final Map<String, Map<String, Integer>> COUNTS = new LinkedHashMap<>();

    /** The rules: name → the places in a document that break it. */
    static Map<String, BiFunction<String, JsonNode, List<String>>> rules() {
        Map<String, BiFunction<String, JsonNode, List<String>>> rules = new LinkedHashMap<>();
        rules.put("everyOperationHasAnOperationIdASummaryAndExactlyOneTag", (name, d) -> operationBasics(d));
        rules.put("everyErrorResponseListsItsProblemTypes", (name, d) -> problemTypes(d));
        rules.put("every429And503DeclaresRetryAfter", (name, d) -> retryAfter(d));
        rules.put("everyOperationThatMovesCreditsOrCreatesSomethingTakesAnIdempotencyKey", ApiRulesTest::idempotency);
        rules.put("everySchemaPropertyHasADescription", (name, d) -> propertyDescriptions(d));
        rules.put("everyIntegerHasAFormat", (name, d) -> integerFormats(d));
        rules.put("everyLimitParameterIsABoundedInteger", (name, d) -> limits(d));
        return rules;
    }

    @TestFactory
    Stream<DynamicContainer> everyDocumentFollowsOurRules() {
        Map<String, ObjectNode> documents = Documents.all();
        return rules().entrySet().stream().map(rule -> dynamicContainer(rule.getKey(),
                documents.entrySet().stream().map(doc -> dynamicTest(doc.getKey(), () -> {
                    List<String> violations = rule.getValue().apply(doc.getKey(), doc.getValue());
                    synchronized (COUNTS) {
                        COUNTS.computeIfAbsent(rule.getKey(), r -> new LinkedHashMap<>()).put(doc.getKey(),
                                violations.size());
                    }
                    assertTrue(violations.isEmpty(), doc.getKey() + " breaks " + rule.getKey() + " "
                            + violations.size() + " times:\n  " + String.join("\n  ", violations));
                }))));
    }

    @AfterAll
    static void printCounts() {
        StringBuilder table = new StringBuilder("[api rules] violations per rule and document\n");
        COUNTS.forEach((rule, counts) -> table.append(String.format("  %-72s %s%n", rule, counts)));
        System.out.print(table);
    }

    // ---------------------------------------------------------------------------------------------

    static List<String> operationBasics(JsonNode document) {
        List<String> violations = new ArrayList<>();
        for (Documents.Operation op : Documents.operations(document)) {
            String id = op.operationId();
            if (id == null || !OPERATION_ID.matcher(id).matches()) {
                violations.add(op + ": operationId " + (id == null ? "missing" : "does not match " + OPERATION_ID));
            }
            if (op.node().path("summary").asText("").isBlank()) {
                violations.add(op + ": no summary");
            }
            if (op.node().path("tags").size() != 1) {
                violations.add(op + ": " + op.node().path("tags").size() + " tags, not exactly one");
            }
        }
        return violations;
    }

    static List<String> problemTypes(JsonNode document) {
        List<String> violations = new ArrayList<>();
        forEachResponse(document, (op, code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5"))
                    && (!response.path("x-problem-types").isArray() || response.path("x-problem-types").isEmpty())) {
                violations.add(op + " " + code + ": no x-problem-types");
            }
        });
        return violations;
    }

    static List<String> retryAfter(JsonNode document) {
        List<String> violations = new ArrayList<>();
        forEachResponse(document, (op, code, response) -> {
            if ((code.equals("429") || code.equals("503")) && !hasKeyIgnoringCase(response.path("headers"),
                    "Retry-After")) {
                violations.add(op + " " + code + ": no Retry-After header");
            }
        });
        return violations;
    }

    /**
     * An operation needs an {@code Idempotency-Key} header parameter when a retry must not do it twice: every POST
     * of the ledger (it moves, holds, asks for or settles credits) and every operation of any service that answers
     * 201 Created (it creates something), except {@link #NO_IDEMPOTENCY_KEY}. PUT, PATCH and DELETE set or remove a
     * state; doing them again changes nothing more, so they need none.
     */
    static List<String> idempotency(String name, JsonNode document) {
        List<String> violations = new ArrayList<>();
        for (Documents.Operation op : Documents.operations(document)) {
            String service = name.equals(Documents.MERGED) ? op.node().path(MergeDocuments.SERVICE).asText() : name;
            boolean moves = service.equals("ledger") && op.method().equals("post");
            boolean creates = op.node().path("responses").has("201");
            if ((moves || creates) && !NO_IDEMPOTENCY_KEY.containsKey(op.key()) && !takesIdempotencyKey(document, op)) {
                violations.add(op + ": no " + IDEMPOTENCY_KEY + " header parameter ("
                        + (moves ? "a ledger POST" : "answers 201") + ")");
            }
        }
        return violations;
    }

    private static boolean takesIdempotencyKey(JsonNode document, Documents.Operation op) {
        List<JsonNode> parameters = new ArrayList<>();
        op.node().path("parameters").forEach(parameters::add);
        document.path("paths").path(op.path()).path("parameters").forEach(parameters::add);
        return parameters.stream().map(p -> Documents.resolve(document, p)).anyMatch(p ->
                p.path("in").asText().equals("header") && p.path("name").asText().equalsIgnoreCase(IDEMPOTENCY_KEY));
    }

    static List<String> propertyDescriptions(JsonNode document) {
        List<String> violations = new ArrayList<>();
        forEachSchema(document, (where, schema) -> schema.path("properties").fields().forEachRemaining(p -> {
            if (p.getValue().path("description").asText("").isBlank()) {
                violations.add(where + ".properties." + p.getKey() + ": no description");
            }
        }));
        return violations;
    }

    static List<String> integerFormats(JsonNode document) {
        List<String> violations = new ArrayList<>();
        forEachSchema(document, (where, schema) -> {
            JsonNode type = schema.path("type");
            boolean integer = type.asText().equals("integer")
                    || type.isArray() && type.toString().contains("\"integer\"");
            if (integer && schema.path("format").asText("").isBlank()) {
                violations.add(where + ": an integer without format");
            }
        });
        return violations;
    }

    static List<String> limits(JsonNode document) {
        List<String> violations = new ArrayList<>();
        for (Documents.Operation op : Documents.operations(document)) {
            List<JsonNode> parameters = new ArrayList<>();
            op.node().path("parameters").forEach(parameters::add);
            document.path("paths").path(op.path()).path("parameters").forEach(parameters::add);
            for (JsonNode parameter : parameters) {
                JsonNode p = Documents.resolve(document, parameter);
                if (!p.path("in").asText().equals("query") || !p.path("name").asText().equals("limit")) {
                    continue;
                }
                JsonNode schema = Documents.resolve(document, p.path("schema"));
                if (!schema.path("type").asText().equals("integer") || !schema.has("minimum")
                        || !schema.has("maximum")) {
                    violations.add(op + ": limit is " + schema + ", not an integer with minimum and maximum");
                }
            }
        }
        return violations;
    }

    // ---------------------------------------------------------------------------------------------

    interface ResponseVisitor {
        void visit(Documents.Operation op, String code, JsonNode response);
    }

    private static void forEachResponse(JsonNode document, ResponseVisitor visitor) {
        for (Documents.Operation op : Documents.operations(document)) {
            op.node().path("responses").fields().forEachRemaining(r ->
                    visitor.visit(op, r.getKey(), Documents.resolve(document, r.getValue())));
        }
    }

    interface SchemaVisitor {
        void visit(String where, JsonNode schema);
    }

    /**
     * Every schema of the document, each once: the components' schemas and every schema written inline in
     * parameters, headers, request bodies and responses, with their nested schemas (properties, items, ...).
     */
    static void forEachSchema(JsonNode document, SchemaVisitor visitor) {
        document.path("components").path("schemas").fields().forEachRemaining(s ->
                walkSchema("#/components/schemas/" + s.getKey(), s.getValue(), visitor));
        walkForSchemas("#", document, visitor);
    }

    /** Finds the {@code schema} members outside components/schemas. */
    private static void walkForSchemas(String where, JsonNode node, SchemaVisitor visitor) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                String at = where + "/" + f.getKey();
                if (at.equals("#/components/schemas")) {
                    return;
                }
                if (f.getKey().equals("schema") && f.getValue().isObject()) {
                    walkSchema(at, f.getValue(), visitor);
                } else {
                    walkForSchemas(at, f.getValue(), visitor);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walkForSchemas(where + "/" + i, node.get(i), visitor);
            }
        }
    }

    private static void walkSchema(String where, JsonNode schema, SchemaVisitor visitor) {
        if (!schema.isObject()) {
            return;
        }
        visitor.visit(where, schema);
        schema.path("properties").fields().forEachRemaining(p ->
                walkSchema(where + "/properties/" + p.getKey(), p.getValue(), visitor));
        for (String single : List.of("items", "additionalProperties", "not", "contains", "propertyNames")) {
            walkSchema(where + "/" + single, schema.path(single), visitor);
        }
        for (String list : List.of("allOf", "anyOf", "oneOf", "prefixItems")) {
            for (int i = 0; i < schema.path(list).size(); i++) {
                walkSchema(where + "/" + list + "/" + i, schema.path(list).get(i), visitor);
            }
        }
    }

    private static boolean hasKeyIgnoringCase(JsonNode object, String key) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(key));
    }
}
