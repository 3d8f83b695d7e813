package dev.teamcredits.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * Generates hostile requests from a service's published OpenAPI document: for every operation a valid
 * baseline request (a body built from the schema, real ids of a seeded org in the path), then one mutation at
 * a time — wrong JSON types, missing required fields and nulls, numbers past every bound, NULs, invalid UTF-8,
 * very long strings, deep nesting, huge arrays, invalid and foreign ids, tampered and foreign cursors, absurd
 * limits, wrong or missing Content-Type, bad Idempotency-Keys, {@code ..} and encoded slashes in the path — so
 * each request tests one thing. A new endpoint is covered as soon as the service publishes it.
 */
final class HostileRequests {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int MEGABYTE = 1 << 20;
    static final BigInteger TWO_TO_63 = BigInteger.TWO.pow(63);

    /** One input slot of an operation as the document declares it. */
    record Param(String in, String name, boolean required, JsonNode schema) {
    }

    /** An operation of the document, with its body schema resolved ({@code $ref}s followed). */
    record Operation(String method, String path, List<Param> params, JsonNode body, List<String> consumes) {
        String id() {
            return method + " " + path;
        }

        boolean declaresHeader(String name) {
            return params.stream().anyMatch(p -> p.in().equals("header") && p.name().equalsIgnoreCase(name));
        }
    }

    /** A request on the wire: the path and query already percent-encoded, headers in order (repeats allowed). */
    record Request(String method, String pathAndQuery, List<String[]> headers, byte[] body) {
    }

    /** A hostile request: which operation, which mutation (kind and detail), and the request itself. */
    record Case(Operation operation, String kind, String detail, Request request) {
        String describe() {
            return operation.id() + " [" + kind + ": " + detail + "]";
        }
    }

    /** Valid values of a seeded org for the baseline requests, by path parameter name. */
    record Seeds(Map<String, String> pathValues, Map<String, JsonNode> validBodies, Map<String, String> validStrings,
            List<String> foreignIds, List<String> foreignCursors) {
    }

    private final JsonNode doc;
    private final Seeds seeds;
    private final Random random;

    HostileRequests(JsonNode doc, Seeds seeds, Random random) {
        this.doc = doc;
        this.seeds = seeds;
        this.random = random;
    }

    /** The document's API operations (under /v1/), in document order. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                List<JsonNode> declared = new ArrayList<>();
                path.getValue().path("parameters").forEach(declared::add);
                op.getValue().path("parameters").forEach(declared::add);
                for (JsonNode p : declared) {
                    JsonNode param = resolve(p);
                    params.add(new Param(param.path("in").asText(), param.path("name").asText(),
                            param.path("required").asBoolean(false), resolve(param.path("schema"))));
                }
                JsonNode body = null;
                List<String> consumes = new ArrayList<>();
                JsonNode content = op.getValue().path("requestBody").path("content");
                for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext();) {
                    Map.Entry<String, JsonNode> type = types.next();
                    consumes.add(type.getKey());
                    if (body == null) {
                        body = resolve(type.getValue().path("schema"));
                    }
                }
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), params, body, consumes));
            }
        }
        return operations;
    }

    /** Follows a {@code $ref} to the component it names (and a schema that is only an {@code allOf} of one). */
    JsonNode resolve(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return node;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            return resolve(target);
        }
        if (node.has("allOf") && node.get("allOf").size() == 1) {
            return resolve(node.get("allOf").get(0));
        }
        return node;
    }

    private static String schemaName(JsonNode schema, JsonNode doc) {
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("components").path("schemas").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() == schema) {
                return e.getKey();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- baseline

    /** A valid body for the schema: required properties (and, for a known schema, its documented example). */
    JsonNode validBody(JsonNode schema) {
        String name = schemaName(schema, doc);
        if (name != null && seeds.validBodies().containsKey(name)) {
            return seeds.validBodies().get(name).deepCopy();
        }
        return validValue(schema, name);
    }

    private JsonNode validValue(JsonNode schema, String name) {
        schema = resolve(schema);
        String named = schemaName(schema, doc);
        if (named != null && seeds.validBodies().containsKey(named)) {
            return seeds.validBodies().get(named).deepCopy();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).deepCopy();
        }
        switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (required.contains(p.getKey())) {
                        object.set(p.getKey(), validValue(p.getValue(), p.getKey()));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(validValue(schema.path("items"), name));
                return array;
            }
            case "integer", "number" -> {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
                return NODES.numberNode(Math.max(min, 1));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                if (name != null && seeds.validStrings().containsKey(name)) {
                    return NODES.textNode(seeds.validStrings().get(name));
                }
                String pattern = schema.path("pattern").asText("");
                if (pattern.matches("[A-Z_]+(\\|[A-Z_]+)+")) {
                    return NODES.textNode(pattern.split("\\|")[0]);
                }
                return NODES.textNode("x".repeat(Math.max(1, schema.path("minLength").asInt(1))));
            }
        }
    }

    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private String pathValue(String param) {
        return seeds.pathValues().getOrDefault(param, uuid().toString());
    }

    private Request baseline(Operation op, Function<String, String> pathParam, String query, List<String[]> headers,
            byte[] body) {
        StringBuilder path = new StringBuilder();
        for (String segment : op.path().split("/", -1)) {
            if (!path.isEmpty() || !segment.isEmpty()) {
                path.append('/');
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                path.append(pathParam.apply(segment.substring(1, segment.length() - 1)));
            } else {
                path.append(segment);
            }
        }
        String p = path.toString().replaceFirst("^//", "/");
        return new Request(op.method(), query == null ? p : p + "?" + query, headers, body);
    }

    private List<String[]> defaultHeaders(Operation op) {
        List<String[]> headers = new ArrayList<>();
        if (op.body() != null) {
            headers.add(new String[] { "Content-Type", "application/json" });
        }
        if (op.declaresHeader("Idempotency-Key")) {
            headers.add(new String[] { "Idempotency-Key", "hostile-" + uuid() });
        }
        return headers;
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter ASCII_JSON = new com.fasterxml.jackson.databind
            .ObjectMapper().writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final java.util.regex.Pattern NESTED = java.util.regex.Pattern.compile("\"@@nested:(\\d+)@@\"");

    /** The body as sent: a placeholder of {@link #nested} becomes arrays nested that deep (too deep for a tree). */
    private byte[] json(JsonNode body) {
        if (body == null) {
            return null;
        }
        String written;
        try {
            // Non-ASCII as \\u escapes: a half surrogate pair must reach the server as such, not as '?'.
            written = ASCII_JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String text = NESTED.matcher(written).replaceAll(m -> {
            int depth = Integer.parseInt(m.group(1));
            return "[".repeat(depth) + "1" + "]".repeat(depth);
        });
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The valid request itself: the seeded ids in the path, a valid body, the default headers, no mutation. */
    Request valid(Operation op) {
        return withQuery(op, null);
    }

    /** The baseline with one path parameter replaced by a raw (already encoded) value. */
    private Request withPath(Operation op, String param, String raw) {
        return baseline(op, p -> p.equals(param) ? raw : enc(pathValue(p)), null, defaultHeaders(op),
                json(op.body() == null ? null : validBody(op.body())));
    }

    private Request withQuery(Operation op, String query) {
        return baseline(op, p -> enc(pathValue(p)), query, defaultHeaders(op),
                json(op.body() == null ? null : validBody(op.body())));
    }

    private Request withHeaders(Operation op, List<String[]> headers) {
        return baseline(op, p -> enc(pathValue(p)), null, headers,
                json(op.body() == null ? null : validBody(op.body())));
    }

    private Request withBody(Operation op, byte[] body) {
        return baseline(op, p -> enc(pathValue(p)), null, defaultHeaders(op), body);
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- mutations

    /**
     * Every fixed mutation of the operation, then random ones (random slot, random hostile value) until there
     * are {@code atLeast}; 1 MB bodies stay a handful per operation.
     */
    List<Case> cases(Operation op, int atLeast) {
        List<Case> cases = new ArrayList<>();
        for (Param p : op.params()) {
            switch (p.in()) {
                case "path" -> pathCases(op, p, cases, false);
                case "query" -> queryCases(op, p, cases, false);
                case "header" -> headerCases(op, p, cases);
                default -> {
                }
            }
        }
        pathSuffixCases(op, cases, false);
        if (op.body() != null) {
            contentTypeCases(op, cases);
            wholeBodyCases(op, cases);
            JsonNode valid = validBody(op.body());
            fieldCases(op, valid, op.body(), new ArrayList<>(), cases, false);
        }
        int fixed = cases.size();
        int guard = 0;
        while (cases.size() < atLeast && guard++ < atLeast * 20) {
            int slot = random.nextInt(4);
            List<Case> more = new ArrayList<>();
            if (slot == 0 && op.params().stream().anyMatch(p -> p.in().equals("path"))) {
                List<Param> path = op.params().stream().filter(p -> p.in().equals("path")).toList();
                pathCases(op, path.get(random.nextInt(path.size())), more, true);
            } else if (slot == 1 && op.params().stream().anyMatch(p -> p.in().equals("query"))) {
                List<Param> query = op.params().stream().filter(p -> p.in().equals("query")).toList();
                queryCases(op, query.get(random.nextInt(query.size())), more, true);
            } else if (slot == 2 && op.body() != null) {
                fieldCases(op, validBody(op.body()), op.body(), new ArrayList<>(), more, true);
            } else {
                pathSuffixCases(op, more, true);
            }
            if (!more.isEmpty()) {
                cases.add(more.get(random.nextInt(more.size())));
            }
        }
        if (fixed == 0 && cases.isEmpty()) {
            throw new IllegalStateException("no mutation for " + op.id());
        }
        return cases;
    }

    private void pathCases(Operation op, Param p, List<Case> cases, boolean randomOnly) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!randomOnly) {
            values.put("not a UUID", "not-a-uuid");
            values.put("nil UUID", "00000000-0000-0000-0000-000000000000");
            values.put("foreign random UUID", uuid().toString());
            for (int i = 0; i < seeds.foreignIds().size(); i++) {
                values.put("foreign id #" + i, seeds.foreignIds().get(i));
            }
            values.put("dot-dot", "..");
            values.put("encoded dot-dot", "%2e%2e");
            values.put("encoded slash", "a%2Fb");
            values.put("encoded dot-dot-slash", "..%2F..%2Fv1%2Fwhoami");
            values.put("NUL", "%00");
            values.put("id with NUL", enc(pathValue(p.name())) + "%00");
            values.put("NUL inside", "a0000000-0000-4000-8000-00000000%000");
            values.put("invalid UTF-8", "%C3%28%FF%FE");
            values.put("overlong UTF-8 slash", "%C0%AF");
            values.put("UUID with trailing space", enc(pathValue(p.name())) + "%20");
            values.put("2 KB segment", "a".repeat(2048));
            values.put("number", "1");
            values.put("negative", "-1");
            values.put("2^63", TWO_TO_63.toString());
            values.put("SQL", enc("' OR '1'='1"));
            values.put("percent", "%25");
        } else {
            values.put("random string", notDots(enc(randomString(1 + random.nextInt(64)))));
            values.put("random UUID", uuid().toString());
            values.put("random bytes", notDots(randomPercentBytes(1 + random.nextInt(32))));
        }
        values.forEach((what, raw) -> cases.add(new Case(op, "path " + p.name(), what, withPath(op, p.name(), raw))));
    }

    private void queryCases(Operation op, Param p, List<Case> cases, boolean randomOnly) {
        Map<String, String> values = new LinkedHashMap<>();
        String n = p.name();
        if (!randomOnly) {
            values.put("empty", "");
            values.put("NUL", "%00");
            values.put("invalid UTF-8", "%C3%28%FF");
            values.put("2 KB", "a".repeat(2048));
            values.put("not a value", "not-a-value");
            values.put("SQL", enc("' OR 1=1 --"));
            values.put("0", "0");
            values.put("-1", "-1");
            values.put("2^63", TWO_TO_63.toString());
            values.put("1e308", "1e308");
            values.put("1.5", "1.5");
            if (n.equals("limit")) {
                values.put("absurd limit", "1000000000");
                values.put("int overflow", "2147483648");
                values.put("limit with spaces", "%2010");
            }
            if (n.equals("cursor")) {
                values.put("tampered cursor", enc(Base64Url.of("seq:abc")));
                values.put("tampered cursor (no prefix)", enc(Base64Url.of("999")));
                values.put("cursor beyond long", enc(Base64Url.of("seq:" + TWO_TO_63)));
                values.put("not base64", "!!!");
                for (int i = 0; i < seeds.foreignCursors().size(); i++) {
                    values.put("foreign cursor #" + i, enc(seeds.foreignCursors().get(i)));
                }
            }
            values.put("given twice", "x&" + n + "=y");
        } else {
            values.put("random", enc(randomString(1 + random.nextInt(40))));
            values.put("random number", Long.toString(random.nextLong()));
            values.put("random bytes", randomPercentBytes(1 + random.nextInt(16)));
        }
        values.forEach((what, raw) -> {
            if (what.equals("given twice")) {
                cases.add(new Case(op, "query " + n, what, withQuery(op, n + "=" + raw)));
            } else {
                cases.add(new Case(op, "query " + n, what, withQuery(op, n + "=" + raw)));
            }
        });
    }

    private void headerCases(Operation op, Param p, List<Case> cases) {
        if (!p.name().equalsIgnoreCase("Idempotency-Key")) {
            return;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("empty", List.of(""));
        values.put("blank", List.of(" "));
        values.put("201 characters", List.of("k".repeat(201)));
        values.put("16 KB", List.of("k".repeat(16_384)));
        values.put("inner space", List.of("a b"));
        values.put("control character", List.of("a\tb"));
        values.put("twice, different values", List.of("hostile-" + uuid(), "hostile-" + uuid()));
        values.put("twice, same value", List.of("hostile-dup", "hostile-dup"));
        values.forEach((what, keys) -> {
            List<String[]> headers = new ArrayList<>(defaultHeaders(op));
            headers.removeIf(h -> h[0].equalsIgnoreCase("Idempotency-Key"));
            keys.forEach(k -> headers.add(new String[] { "Idempotency-Key", k }));
            cases.add(new Case(op, "header Idempotency-Key", what, withHeaders(op, headers)));
        });
        if (p.required()) {
            List<String[]> headers = new ArrayList<>(defaultHeaders(op));
            headers.removeIf(h -> h[0].equalsIgnoreCase("Idempotency-Key"));
            cases.add(new Case(op, "header Idempotency-Key", "missing", withHeaders(op, headers)));
        }
    }

    private void pathSuffixCases(Operation op, List<Case> cases, boolean randomOnly) {
        Map<String, String> suffixes = new LinkedHashMap<>();
        if (!randomOnly) {
            suffixes.put("NUL after the path", "%00");
            suffixes.put("encoded slash after the path", "%2F");
            suffixes.put("encoded dot-dot segment", "/%2e%2e%2Fx");
            suffixes.put("extra segment", "/hostile");
            suffixes.put("invalid UTF-8 segment", "/%FF");
        } else {
            // Never "/." or "/..", which name the same resource or its parent.
            suffixes.put("random suffix", "/x" + enc(randomString(1 + random.nextInt(20))));
        }
        suffixes.forEach((what, suffix) -> {
            Request base = withQuery(op, null);
            cases.add(new Case(op, "path", what,
                    new Request(base.method(), base.pathAndQuery() + suffix, base.headers(), base.body())));
        });
    }

    private void contentTypeCases(Operation op, List<Case> cases) {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("missing", null);
        types.put("text/plain", "text/plain");
        types.put("application/xml", "application/xml");
        types.put("form", "application/x-www-form-urlencoded");
        types.put("multipart", "multipart/form-data; boundary=x");
        types.put("garbage", "not a media type");
        types.put("octet-stream", "application/octet-stream");
        types.forEach((what, type) -> {
            List<String[]> headers = new ArrayList<>(defaultHeaders(op));
            headers.removeIf(h -> h[0].equalsIgnoreCase("Content-Type"));
            if (type != null) {
                headers.add(new String[] { "Content-Type", type });
            }
            cases.add(new Case(op, "Content-Type", what, withHeaders(op, headers)));
        });
    }

    private void wholeBodyCases(Operation op, List<Case> cases) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        String valid = validBody(op.body()).toString();
        bodies.put("empty body", new byte[0]);
        bodies.put("truncated", valid.substring(0, valid.length() / 2).getBytes(StandardCharsets.UTF_8));
        bodies.put("null", "null".getBytes(StandardCharsets.UTF_8));
        bodies.put("array", "[]".getBytes(StandardCharsets.UTF_8));
        bodies.put("string", "\"x\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("number", "1".getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing garbage", (valid + "x").getBytes(StandardCharsets.UTF_8));
        bodies.put("two documents", (valid + valid).getBytes(StandardCharsets.UTF_8));
        if (valid.contains("\"")) {
            bodies.put("single quotes", valid.replace('"', '\'').getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("comment", ("/* x */" + valid).getBytes(StandardCharsets.UTF_8));
        bodies.put("raw NUL bytes", ("\u0000" + valid).getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8", concat(new byte[] { (byte) 0xC3, 0x28, (byte) 0xFF }, valid.getBytes(StandardCharsets.UTF_8)));
        bodies.put("deeply nested arrays", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("deeply nested objects", ("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000))
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("unclosed nesting", "[".repeat(200_000).getBytes(StandardCharsets.UTF_8));
        bodies.put("huge array", hugeArray());
        bodies.put("1 MB unknown field", withField(valid, "hostile", NODES.textNode("x".repeat(MEGABYTE))));
        bodies.put("3 MB body", withField(valid, "hostile", NODES.textNode("x".repeat(3 * MEGABYTE))));
        bodies.forEach((what, bytes) -> cases.add(new Case(op, "body", what, withBody(op, bytes))));
        cases.add(new Case(op, "body", "unknown field", withBody(op,
                withField(valid, "hostileExtra", NODES.numberNode(1)))));
        if (valid.startsWith("{\"") && valid.length() > 2) {
            // The first property again with another value: which one would count is ambiguous.
            JsonNode body = validBody(op.body());
            Map.Entry<String, JsonNode> first = body.fields().next();
            String dup = "{\"" + first.getKey() + "\":" + first.getValue() + "," + valid.substring(1);
            cases.add(new Case(op, "body", "duplicate key " + first.getKey(), withBody(op,
                    dup.getBytes(StandardCharsets.UTF_8))));
        }
    }

    /**
     * Mutations of each property (recursively into objects and the first array item), one at a time, applied to
     * a copy of the valid body.
     */
    private void fieldCases(Operation op, JsonNode valid, JsonNode schema, List<Object> path, List<Case> cases,
            boolean randomOnly) {
        schema = resolve(schema);
        String t = type(schema);
        if (t.equals("object")) {
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> prop = it.next();
                List<Object> at = new ArrayList<>(path);
                at.add(prop.getKey());
                JsonNode propSchema = resolve(prop.getValue());
                boolean isRequired = required.contains(prop.getKey());
                if (isRequired && !randomOnly) {
                    cases.add(fieldCase(op, valid, at, "missing", null, true));
                    cases.add(fieldCase(op, valid, at, "null", NODES.nullNode(), false));
                }
                for (Map.Entry<String, JsonNode> bad : hostileValues(propSchema, prop.getKey(), randomOnly).entrySet()) {
                    cases.add(fieldCase(op, valid, at, bad.getKey(), bad.getValue(), false));
                }
                String pt = type(propSchema);
                if (pt.equals("object") || pt.equals("array")) {
                    JsonNode child = get(valid, at);
                    if (child != null && !child.isMissingNode()) {
                        fieldCases(op, valid, propSchema, at, cases, randomOnly);
                    }
                }
            }
        } else if (t.equals("array")) {
            List<Object> at = new ArrayList<>(path);
            at.add(0);
            JsonNode items = resolve(schema.path("items"));
            JsonNode child = get(valid, at);
            if (child != null && !child.isMissingNode()) {
                for (Map.Entry<String, JsonNode> bad : hostileValues(items, "item", randomOnly).entrySet()) {
                    cases.add(fieldCase(op, valid, at, "item " + bad.getKey(), bad.getValue(), false));
                }
                if (!randomOnly) {
                    cases.add(fieldCase(op, valid, at, "item null", NODES.nullNode(), false));
                }
                String it = type(items);
                if (it.equals("object") || it.equals("array")) {
                    fieldCases(op, valid, items, at, cases, randomOnly);
                }
            }
        }
    }

    private Case fieldCase(Operation op, JsonNode valid, List<Object> at, String what, JsonNode value, boolean remove) {
        JsonNode body = valid.deepCopy();
        JsonNode parent = get(body, at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (parent instanceof ObjectNode object) {
            if (remove) {
                object.remove((String) last);
            } else {
                object.set((String) last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
        String field = at.stream().map(Object::toString).reduce((a, b) -> a + "." + b).orElse("");
        return new Case(op, "field " + field, what, withBody(op, json(body)));
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

    /** Values that are not valid for the schema, by what they test. */
    private Map<String, JsonNode> hostileValues(JsonNode schema, String name, boolean randomOnly) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        String t = schema.has("enum") ? "enum" : type(schema);
        if (randomOnly) {
            switch (t) {
                case "integer", "number" -> {
                    BigInteger past = schema.has("maximum") ? BigInteger.valueOf(schema.get("maximum").asLong())
                            .add(BigInteger.valueOf(1 + random.nextInt(1_000_000))) : TWO_TO_63.add(BigInteger.valueOf(random.nextInt(1000)));
                    values.put("random past maximum", NODES.numberNode(past));
                    values.put("random fraction", NODES.numberNode(random.nextInt(1000) + 0.5));
                    if (schema.has("minimum")) {
                        values.put("random below minimum", NODES.numberNode(
                                schema.get("minimum").asLong() - 1 - random.nextInt(1_000_000)));
                    }
                }
                case "string", "enum" -> {
                    values.put("random with NUL", NODES.textNode(randomString(random.nextInt(20)) + "\u0000"
                            + randomString(random.nextInt(20))));
                    values.put("random number", NODES.numberNode(random.nextLong()));
                    if (schema.has("maxLength")) {
                        int max = schema.get("maxLength").asInt();
                        values.put("random too long", NODES.textNode(randomString(max + 1 + random.nextInt(1000))));
                    }
                }
                case "boolean" -> values.put("random string", NODES.textNode(randomString(1 + random.nextInt(8))));
                case "array" -> values.put("random nesting", nested(1 + random.nextInt(2000)));
                default -> values.put("random array", NODES.arrayNode().add(random.nextInt()));
            }
            return values;
        }
        // Wrong JSON types.
        if (!t.equals("string") && !t.equals("enum")) {
            values.put("a string", NODES.textNode("1"));
        }
        if (!t.equals("integer") && !t.equals("number")) {
            values.put("a number", NODES.numberNode(1));
        }
        if (!t.equals("boolean")) {
            values.put("a boolean", NODES.booleanNode(true));
        }
        if (!t.equals("object")) {
            values.put("an object", NODES.objectNode().put("a", 1));
        }
        if (!t.equals("array")) {
            values.put("an array", NODES.arrayNode().add(1));
        }
        values.put("deeply nested", nested(5_000));
        switch (t) {
            case "integer", "number" -> {
                if (schema.has("maximum")) {
                    values.put("maximum + 1", NODES.numberNode(BigInteger.valueOf(schema.get("maximum").asLong())
                            .add(BigInteger.ONE)));
                }
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : Long.MIN_VALUE;
                if (schema.has("minimum")) {
                    values.put("minimum - 1", NODES.numberNode(min - 1));
                }
                if (min > 0) {
                    values.put("0", NODES.numberNode(0));
                }
                if (min > -1) {
                    values.put("-1", NODES.numberNode(-1));
                }
                values.put("2^63", NODES.numberNode(TWO_TO_63));
                values.put("-2^63 - 1", NODES.numberNode(TWO_TO_63.negate().subtract(BigInteger.ONE)));
                values.put("2^64", NODES.numberNode(TWO_TO_63.shiftLeft(1)));
                values.put("1e308", NODES.numberNode(new java.math.BigDecimal("1e308")));
                values.put("1e400", NODES.numberNode(new java.math.BigDecimal("1e400")));
                values.put("1.5", NODES.numberNode(1.5));
                values.put("1.0", NODES.numberNode(new java.math.BigDecimal("1.0")));
                values.put("-0.5", NODES.numberNode(-0.5));
                values.put("100 digits", NODES.numberNode(new BigInteger("9".repeat(100))));
            }
            case "boolean" -> {
                values.put("string true", NODES.textNode("true"));
                values.put("0", NODES.numberNode(0));
            }
            case "enum" -> {
                values.put("unknown value", NODES.textNode("NOT_A_VALUE"));
                values.put("lower case", NODES.textNode(schema.get("enum").get(0).asText().toLowerCase()));
                values.put("empty", NODES.textNode(""));
                values.put("NUL", NODES.textNode(schema.get("enum").get(0).asText() + "\u0000"));
                values.put("1 MB", NODES.textNode("A".repeat(MEGABYTE)));
            }
            case "string" -> {
                String pattern = schema.path("pattern").asText("");
                if (schema.path("minLength").asInt(0) > 0 || pattern.equals("\\S")) {
                    values.put("empty", NODES.textNode(""));
                    values.put("blank", NODES.textNode("   "));
                }
                if (schema.path("minLength").asInt(0) > 1) {
                    values.put("minLength - 1", NODES.textNode("x".repeat(schema.get("minLength").asInt() - 1)));
                }
                if (pattern.matches("[A-Z_]+(\\|[A-Z_]+)+")) {
                    values.put("outside the pattern", NODES.textNode("NOT_A_VALUE"));
                }
                if (schema.has("maxLength")) {
                    values.put("maxLength + 1", NODES.textNode("x".repeat(schema.get("maxLength").asInt() + 1)));
                }
                values.put("NUL", NODES.textNode("a\u0000b"));
                values.put("only NUL", NODES.textNode("\u0000"));
                values.put("lone surrogate", NODES.textNode("a\ud800b"));
                values.put("1 MB", NODES.textNode("x".repeat(MEGABYTE)));
                if (name.toLowerCase().endsWith("id") || name.equals("from") || name.equals("to")) {
                    values.put("invalid UUID", NODES.textNode("not-a-uuid"));
                    values.put("foreign UUID", NODES.textNode(uuid().toString()));
                    for (int i = 0; i < seeds.foreignIds().size(); i++) {
                        values.put("foreign id #" + i, NODES.textNode(seeds.foreignIds().get(i)));
                    }
                }
            }
            case "array" -> {
                if (schema.has("maxItems")) {
                    ArrayNode many = NODES.arrayNode();
                    JsonNode item = validValue(schema.path("items"), name);
                    for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                        many.add(item.deepCopy());
                    }
                    values.put("maxItems + 1", many);
                }
                if (schema.path("minItems").asInt(0) > 0) {
                    values.put("empty", NODES.arrayNode());
                }
                values.put("100,000 nulls", hugeNullArray());
            }
            default -> {
            }
        }
        return values;
    }

    /** A value of arrays nested {@code depth} deep, written out by {@link #json}. */
    private static JsonNode nested(int depth) {
        return NODES.textNode("@@nested:" + depth + "@@");
    }

    private static ArrayNode hugeNullArray() {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < 100_000; i++) {
            array.addNull();
        }
        return array;
    }

    private static byte[] hugeArray() {
        StringBuilder s = new StringBuilder(2 * MEGABYTE + 2).append('[');
        for (int i = 0; i < MEGABYTE; i++) {
            s.append(i == 0 ? "1" : ",1");
        }
        return s.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withField(String validObject, String name, JsonNode value) {
        String field = "\"" + name + "\":" + value;
        String body = validObject.startsWith("{") ? (validObject.equals("{}") ? "{" + field + "}"
                : "{" + field + "," + validObject.substring(1)) : "{" + field + "}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** A UUID from the seeded random, so that a seed repeats a run exactly. */
    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private String randomString(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            if (pick < 6) {
                s.append((char) ('a' + random.nextInt(26)));
            } else if (pick < 8) {
                s.append("./%?#&=;:\\'\"<>{}[] \t\u00e9\u4e2d\ud83d\ude00".charAt(random.nextInt(24)));
            } else {
                s.append(Character.toChars(0x80 + random.nextInt(0x2000)));
            }
        }
        return s.toString();
    }

    /**
     * A random path segment that is only dots ("." or "..", also encoded) names this resource or its parent,
     * which is a valid request of another operation, not a hostile one of this.
     */
    private static String notDots(String segment) {
        return segment.replaceAll("(?i)%2e", ".").matches("\\.+") ? "x" + segment : segment;
    }

    private String randomPercentBytes(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append('%').append(String.format("%02X", random.nextInt(256)));
        }
        return s.toString();
    }

    /** Base64url without padding, as the services' cursors are written. */
    static final class Base64Url {
        static String of(String text) {
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
