package dev.teamcredits.common;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teamcredits.local.TestTokens;
import io.restassured.response.Response;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a running service's OpenAPI document against what its endpoints accept, so that a client generated
 * from the document works: for every operation with a request body,
 * <ul>
 * <li>a body with every property the schema names (nested ones too), each with a valid value, is not refused as
 * malformed (an unknown field or a wrong type): the document names no property the service does not read;</li>
 * <li>every declared bound (minimum, maximum, minLength, maxLength, minItems, maxItems) is the validation's: the
 * value at the bound is accepted, one past it is a 400; every enum value is accepted, another name is a 400;</li>
 * <li>a bound the document does not declare does not exist: an integer without maximum (minimum) takes the
 * largest (smallest) value of its format, a string without maxLength 10,000 characters; an array must declare
 * maxItems, since strict JSON refuses more than 10,000 elements anyway.</li>
 * </ul>
 * Requests go to random org and resource ids with a fresh user's token: the body is read and validated before
 * the resource runs, so a body the edge accepts gets the answer for an unknown org (404) or the operation's own,
 * and one it refuses gets 400. "Accepted" is anything but a 400 or a 5xx.
 */
public final class OpenApiContract {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONG_STRING = 10_000;
    private static final String PROBLEM = "urn:team-credits:problem:";
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    /**
     * What the schemas cannot say, per service.
     *
     * @param validBodies valid bodies by schema name, where a rule across properties makes the generated one invalid
     *                    (e.g. "either amount or action"); a property's bounds are tried on the first body that has
     *                    the property, else on the first
     * @param validStrings a valid value by property name, for strings the service checks beyond the schema (an
     *                     email, a known action); padded with 'a' up to a length bound
     * @param closedSets property name → the problem type the service answers for a value of the right length that
     *                   is not one of the names it knows (a price list, notification types): at a length bound that
     *                   answer also counts as accepted by the bound
     */
    public record Hints(Map<String, List<String>> validBodies, Map<String, String> validStrings,
            Map<String, String> closedSets) {

        public static Hints none() {
            return new Hints(Map.of(), Map.of(), Map.of());
        }
    }

    /** What a run found: request-body schemas and bounds checked, requests sent, and every disagreement. */
    public record Report(List<String> operations, int schemas, int bounds, int requests, List<String> failures) {
    }

    private record Operation(String method, String path, String contentType, JsonNode schema, String schemaName) {
        String id() {
            return method.toUpperCase() + " " + path;
        }
    }

    private record Answer(int status, String type, String detail) {
        boolean accepted() {
            return status != 400 && status < 500;
        }

        @Override
        public String toString() {
            return status + (type == null ? "" : " " + type) + (detail == null ? "" : " (" + detail + ")");
        }
    }

    private final JsonNode doc;
    private final Hints hints;
    private final List<String> failures = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();
    private int requests;
    private int bounds;

    private OpenApiContract(JsonNode doc, Hints hints) {
        this.doc = doc;
        this.hints = hints;
    }

    /** Reads the running service's {@code /q/openapi} and checks every request body it documents. */
    public static Report check(Hints hints) {
        try {
            JsonNode doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                    .extract().asString());
            return new OpenApiContract(doc, hints).run();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Report run() {
        List<Operation> operations = operations();
        Set<String> schemas = new TreeSet<>();
        for (Operation op : operations) {
            schemas.add(op.schemaName() == null ? op.id() : op.schemaName());
            checked.add(op.id() + " " + op.schemaName());
            List<JsonNode> baselines = baselines(op);
            for (JsonNode baseline : baselines) {
                Answer answer = send(op, baseline);
                if (!answer.accepted()) {
                    fail(op, "a valid body " + baseline + " is refused: " + answer
                            + " (give a valid one in Hints.validBodies)");
                }
            }
            JsonNode all = baselines.get(0).deepCopy();
            fill(all, op.schema(), "");
            Answer answer = send(op, all);
            if (answer.status() == 400 && "malformed-request".equals(answer.type()) || answer.status() >= 500) {
                fail(op, "a body with every documented property " + all + " is refused: " + answer);
            }
            bounds(op, baselines, op.schema(), new ArrayList<>(), op.schemaName());
        }
        return new Report(checked, schemas.size(), bounds, requests, failures);
    }

    // ---------------------------------------------------------------- the document

    /** The /v1 operations with a JSON request body, in document order. */
    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode content = op.getValue().path("requestBody").path("content");
                if (content.isMissingNode() || content.isEmpty()) {
                    continue;
                }
                String type = content.has("application/json") ? "application/json" : content.fieldNames().next();
                JsonNode schema = content.get(type).path("schema");
                String name = schema.has("$ref") ? schema.get("$ref").asText().replaceFirst(".*/", "") : null;
                operations.add(new Operation(op.getKey(), path.getKey(), type, resolve(schema), name));
            }
        }
        return operations;
    }

    private JsonNode resolve(JsonNode node) {
        if (node != null && node.has("$ref")) {
            JsonNode target = doc;
            for (String part : node.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part);
            }
            return resolve(target);
        }
        if (node != null && node.has("allOf") && node.get("allOf").size() == 1) {
            return resolve(node.get("allOf").get(0));
        }
        return node;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.isTextual() ? type.asText() : schema.has("properties") ? "object" : "string";
    }

    // ---------------------------------------------------------------- valid values

    private List<JsonNode> baselines(Operation op) {
        List<String> given = op.schemaName() == null ? null : hints.validBodies().get(op.schemaName());
        if (given == null) {
            return List.of(validValue(op.schema(), null, 0, false));
        }
        return given.stream().map(OpenApiContract::parse).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A valid value: required properties only, or all of them; {@code index} makes generated strings differ. */
    private JsonNode validValue(JsonNode schema, String name, int index, boolean allProperties) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.get("enum").get(0).deepCopy();
        }
        switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                schema.path("properties").fields().forEachRemaining(p -> {
                    if (allProperties || required.contains(p.getKey())) {
                        object.set(p.getKey(), validValue(p.getValue(), p.getKey(), index, allProperties));
                    }
                });
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < Math.max(1, schema.path("minItems").asInt(1)); i++) {
                    array.add(validValue(schema.path("items"), name, i, allProperties));
                }
                return array;
            }
            case "integer", "number" -> {
                long value = Math.max(1, schema.path("minimum").asLong(1));
                return NODES.numberNode(schema.has("maximum") ? Math.min(value, schema.get("maximum").asLong())
                        : value);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                if (name != null && hints.validStrings().containsKey(name)) {
                    return NODES.textNode(hints.validStrings().get(name));
                }
                String pattern = schema.path("pattern").asText("");
                if (pattern.matches("[A-Z_]+(\\|[A-Z_]+)+")) {
                    return NODES.textNode(pattern.split("\\|")[0]);
                }
                String value = "v" + index;
                int pad = Math.max(0, schema.path("minLength").asInt(0) - value.length());
                return NODES.textNode(value + "a".repeat(pad));
            }
        }
    }

    /** Adds every documented property the value lacks, nested objects and array items included. */
    private void fill(JsonNode value, JsonNode declared, String name) {
        JsonNode schema = resolve(declared);
        if (value instanceof ObjectNode object && type(schema).equals("object")) {
            schema.path("properties").fields().forEachRemaining(p -> {
                if (!object.has(p.getKey())) {
                    object.set(p.getKey(), validValue(p.getValue(), p.getKey(), 0, true));
                } else {
                    fill(object.get(p.getKey()), p.getValue(), p.getKey());
                }
            });
        } else if (value instanceof ArrayNode array && type(schema).equals("array")) {
            array.forEach(item -> fill(item, schema.path("items"), name));
        }
    }

    /** A string of exactly {@code length} characters, valid as far as the schema and the hints can tell. */
    private String ofLength(String name, int length) {
        String seed = name == null ? null : hints.validStrings().get(name);
        if (seed != null && seed.contains("@") && length >= 6) {
            return email(length);
        }
        if (seed != null && length >= seed.length()) {
            return seed + "a".repeat(length - seed.length());
        }
        return "v".repeat(length);
    }

    /** An email address of {@code length} characters: local part of at most 64, domain labels of at most 63. */
    private static String email(int length) {
        int local = Math.min(64, length - 5);
        StringBuilder domain = new StringBuilder();
        int left = length - local - 1;
        while (left > 63) {
            int label = Math.min(63, left - 3); // leaves a dot and a top-level label of 2 or more
            domain.append("b".repeat(label)).append('.');
            left -= label + 1;
        }
        return "a".repeat(local) + "@" + domain + "c".repeat(left);
    }

    // ---------------------------------------------------------------- bounds

    /** Every declared bound of every property, nested ones included, at and one past the bound. */
    private void bounds(Operation op, List<JsonNode> baselines, JsonNode schema, List<Object> at, String where) {
        schema = resolve(schema);
        String t = type(schema);
        if (t.equals("object")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                List<Object> path = new ArrayList<>(at);
                path.add(p.getKey());
                property(op, baselines, resolve(p.getValue()), path, where + "." + p.getKey());
            }
        } else if (t.equals("array")) {
            List<Object> path = new ArrayList<>(at);
            path.add(0);
            property(op, baselines, resolve(schema.path("items")), path, where + "[0]");
        }
    }

    private void property(Operation op, List<JsonNode> baselines, JsonNode schema, List<Object> path, String name) {
        String property = path.get(path.size() - 1) instanceof String s ? s : null;
        String t = schema.has("enum") ? "enum" : type(schema);
        switch (t) {
            case "enum" -> {
                for (JsonNode value : schema.get("enum")) {
                    expect(op, baselines, path, name + " = " + value, value, true, null);
                }
                expect(op, baselines, path, name + " = \"NOT_A_VALUE\" (not in its enum)",
                        NODES.textNode("NOT_A_VALUE"), false, null);
            }
            case "integer", "number" -> {
                BigInteger max = BigInteger.valueOf(schema.path("format").asText().equals("int32") ? Integer.MAX_VALUE
                        : Long.MAX_VALUE);
                BigInteger min = BigInteger.valueOf(schema.path("format").asText().equals("int32") ? Integer.MIN_VALUE
                        : Long.MIN_VALUE);
                if (schema.has("maximum")) {
                    BigInteger m = schema.get("maximum").bigIntegerValue();
                    expect(op, baselines, path, name + " at maximum " + m, NODES.numberNode(m), true, null);
                    expect(op, baselines, path, name + " one past maximum " + m,
                            NODES.numberNode(m.add(BigInteger.ONE)), false, null);
                } else {
                    expect(op, baselines, path, name + " declares no maximum, so " + max, NODES.numberNode(max), true,
                            null);
                }
                if (schema.has("minimum")) {
                    BigInteger m = schema.get("minimum").bigIntegerValue();
                    expect(op, baselines, path, name + " at minimum " + m, NODES.numberNode(m), true, null);
                    expect(op, baselines, path, name + " one past minimum " + m,
                            NODES.numberNode(m.subtract(BigInteger.ONE)), false, null);
                } else {
                    expect(op, baselines, path, name + " declares no minimum, so " + min, NODES.numberNode(min), true,
                            null);
                }
            }
            case "string" -> {
                String closed = property == null ? null : hints.closedSets().get(property);
                String pattern = schema.path("pattern").asText("");
                if (!pattern.isEmpty() && !pattern.equals("\\S")) {
                    // JSON Schema reads a pattern unanchored: to a client, a value that holds a match is valid. Its
                    // length is the pattern's business, so no length is tried.
                    if (pattern.startsWith("^") && pattern.endsWith("$")) {
                        // Anchored, the pattern admits nothing around a match: the valid value itself is tried.
                        String exact = validValue(schema, property, 0, false).asText();
                        expect(op, baselines, path, name + " = \"" + exact + "\", which its pattern " + pattern
                                + " admits", NODES.textNode(exact), true, closed);
                        return;
                    }
                    String valid = validValue(schema, property, 0, false).asText() + "x";
                    expect(op, baselines, path, name + " = \"" + valid + "\", which its pattern " + pattern
                            + " admits (unanchored)", NODES.textNode(valid), true, closed);
                    return;
                }
                if (schema.has("maxLength")) {
                    int m = schema.get("maxLength").asInt();
                    expect(op, baselines, path, name + " at maxLength " + m, NODES.textNode(ofLength(property, m)),
                            true, closed);
                    expect(op, baselines, path, name + " one past maxLength " + m,
                            NODES.textNode(ofLength(property, m + 1)), false, null);
                } else {
                    expect(op, baselines, path, name + " declares no maxLength, so " + LONG_STRING + " characters",
                            NODES.textNode(ofLength(property, LONG_STRING)), true, closed);
                }
                if (schema.path("minLength").asInt(0) > 0) {
                    int m = schema.get("minLength").asInt();
                    expect(op, baselines, path, name + " at minLength " + m, NODES.textNode(ofLength(property, m)),
                            true, closed);
                    expect(op, baselines, path, name + " one past minLength " + m,
                            NODES.textNode(ofLength(property, m - 1)), false, null);
                }
            }
            case "array" -> {
                if (!schema.has("maxItems")) {
                    bounds++;
                    fail(op, name + " declares no maxItems; strict JSON refuses more than 10,000 elements");
                } else {
                    int m = schema.get("maxItems").asInt();
                    expect(op, baselines, path, name + " at maxItems " + m, items(schema, property, m), true, null);
                    expect(op, baselines, path, name + " one past maxItems " + m, items(schema, property, m + 1), false,
                            null);
                }
                if (schema.path("minItems").asInt(0) > 0) {
                    int m = schema.get("minItems").asInt();
                    expect(op, baselines, path, name + " at minItems " + m, items(schema, property, m), true, null);
                    expect(op, baselines, path, name + " one past minItems " + m, items(schema, property, m - 1), false,
                            null);
                }
                bounds(op, baselines, schema, path, name);
            }
            case "object" -> bounds(op, baselines, schema, path, name);
            default -> {
            }
        }
    }

    private ArrayNode items(JsonNode schema, String name, int count) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(validValue(schema.path("items"), name, i, false));
        }
        return array;
    }

    /**
     * Sends the first baseline that has the property (else the first) with the value at {@code path}: accepted (not
     * a 400, nor a 5xx; or the closed set's problem) or refused (a 400), as {@code accepted} says.
     */
    private void expect(Operation op, List<JsonNode> baselines, List<Object> path, String what, JsonNode value,
            boolean accepted, String closedSetType) {
        bounds++;
        JsonNode base = baselines.stream().filter(b -> get(b, path.subList(0, path.size() - 1)) != null
                && has(get(b, path.subList(0, path.size() - 1)), path.get(path.size() - 1))).findFirst()
                .orElse(baselines.get(0));
        JsonNode body = base.deepCopy();
        JsonNode parent = containers(body, op.schema(), path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
        Answer answer = send(op, body);
        boolean ok = accepted ? answer.accepted() || closedSetType != null && answer.status() == 400
                && closedSetType.equals(answer.type()) : answer.status() == 400;
        if (!ok) {
            fail(op, what + (accepted ? " is refused: " : " is not refused: ") + answer);
        }
    }

    /** The node at {@code path}, made (valid, required properties only) where the body has none yet. */
    private JsonNode containers(JsonNode body, JsonNode schema, List<Object> path) {
        JsonNode node = body;
        for (Object part : path) {
            schema = resolve(part instanceof Integer ? resolve(schema).path("items")
                    : resolve(schema).path("properties").path((String) part));
            JsonNode child = part instanceof Integer i ? node.get(i) : node.get((String) part);
            if (child == null || child.isNull()) {
                child = validValue(schema, part instanceof String s ? s : null, 0, false);
                if (node instanceof ObjectNode object) {
                    object.set((String) part, child);
                } else {
                    ((ArrayNode) node).add(child);
                }
            }
            node = child;
        }
        return node;
    }

    private static boolean has(JsonNode parent, Object key) {
        return key instanceof String s ? parent.has(s) : parent.has((Integer) key);
    }

    private static JsonNode get(JsonNode node, List<Object> path) {
        for (Object part : path) {
            if (node == null) {
                return null;
            }
            node = part instanceof Integer i ? node.get(i) : node.get((String) part);
        }
        return node;
    }

    // ---------------------------------------------------------------- requests

    /** The operation with random path ids, a fresh user's token and a fresh Idempotency-Key. */
    private Answer send(Operation op, JsonNode body) {
        requests++;
        Map<String, Object> ids = new LinkedHashMap<>();
        Matcher m = PATH_PARAM.matcher(op.path());
        while (m.find()) {
            ids.put(m.group(1), UUID.randomUUID().toString());
        }
        String subject = "contract-" + UUID.randomUUID();
        Response response = given().auth().oauth2(TestTokens.user(subject, subject + "@acme.example"))
                .contentType(op.contentType()).header("Idempotency-Key", "contract-" + UUID.randomUUID())
                .pathParams(ids).body(body.toString()).request(op.method(), op.path());
        String type = null;
        String detail = null;
        if (String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            type = String.valueOf((Object) response.path("type")).replace(PROBLEM, "");
            detail = response.path("detail");
        }
        return new Answer(response.statusCode(), type, detail);
    }

    private void fail(Operation op, String message) {
        failures.add(op.id() + " " + op.schemaName() + ": " + message);
    }
}
