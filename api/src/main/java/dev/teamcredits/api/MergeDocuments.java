package dev.teamcredits.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the four services' stored OpenAPI documents ({@code <service>/target/openapi/openapi.json}) into the one
 * document of the API behind the gateway, {@code team-credits.yaml} and {@code .json}:
 * <ul>
 * <li>paths: the union, sorted; an operation (path + method) served by two services must be identical there
 * ({@code /v1/whoami}) and is kept once, owned by the first service; otherwise it is an error;</li>
 * <li>every operation gets {@value #SERVICE} naming the service that owns it, which the gateway routes it to;</li>
 * <li>component schemas: the same name with the same content is kept once; the same name with different content is
 * renamed in every service that has it ({@code Member} → {@code LedgerMember}) and its {@code $ref}s rewritten;
 * other components (security schemes, ...) must be identical;</li>
 * <li>tags: the union; one name has one description;</li>
 * <li>info, servers: the API's own (one gateway address); the services' version, contact and license, which must
 * agree.</li>
 * </ul>
 * Anything else two documents disagree on is a conflict; the build fails listing every conflict: the merge never
 * picks a winner silently.
 * <p>
 * Usage: {@code MergeDocuments <repository root> <output directory>}.
 */
public final class MergeDocuments {

    /** The services in the order their documents are merged; the first owner of a shared operation owns it. */
    public static final List<String> SERVICES = List.of("team", "ledger", "usage", "notification");
    /** The extension naming the service that owns an operation. */
    public static final String SERVICE = "x-service";
    public static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    public static final String TITLE = "Team Credits API";
    public static final String SERVER_URL = "https://{host}";
    public static final String DEFAULT_HOST = "api.teamcredits.dev";
    static final String DESCRIPTION = """
            Shared prepaid credits for organizations: organizations, members and invitations (team), balances, \
            spends, transfers, reservations, purchases and history (ledger), usage per member and cycle (usage), \
            inbox, live stream, preferences and webhooks (notification).

            One address serves the whole API; each operation names the service behind it in `x-service`. \
            Errors are RFC 9457 problem details (`application/problem+json`); the problem types a response can \
            carry are listed in its `x-problem-types`. Requests that move credits or create something take an \
            `Idempotency-Key`; a retry with the same key gets the first answer.""";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());
    private static final String SCHEMA_REF = "#/components/schemas/";

    private MergeDocuments() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: MergeDocuments <repository root> <output directory>");
        }
        Path root = Path.of(args[0]);
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        for (String service : SERVICES) {
            documents.put(service, read(storedDocument(root, service)));
        }
        ObjectNode merged = merge(documents);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        JSON.writeValue(out.resolve("team-credits.json").toFile(), merged);
        YAML.writeValue(out.resolve("team-credits.yaml").toFile(), merged);
        System.out.println("[api] merged " + documents.size() + " documents into " + out.resolve("team-credits.yaml"));
    }

    /** Where a service's build stores the document it serves. */
    public static Path storedDocument(Path root, String service) {
        return root.resolve(service + "-service/target/openapi/openapi.json");
    }

    public static ObjectNode read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " does not exist: build the service first (its build stores "
                    + "the document it serves, quarkus.smallrye-openapi.store-schema-directory)");
        }
        return (ObjectNode) JSON.readTree(file.toFile());
    }

    /** The merged document of {@code documents} (service name → its document; not modified). */
    public static ObjectNode merge(Map<String, ObjectNode> documents) {
        Map<String, ObjectNode> copies = new LinkedHashMap<>();
        documents.forEach((service, document) -> copies.put(service, document.deepCopy()));
        List<String> conflicts = new ArrayList<>();
        renameConflictingSchemas(copies, conflicts);

        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merged.put("openapi", agreed(copies, d -> d.path("openapi"), "openapi", conflicts).asText());
        merged.set("info", info(copies, conflicts));
        merged.set("servers", servers());
        JsonNode security = agreed(copies, d -> d.path("security"), "security", conflicts);
        if (!security.isMissingNode()) {
            merged.set("security", security);
        }
        merged.set("tags", tags(copies, conflicts));
        merged.set("paths", paths(copies, conflicts));
        merged.set("components", components(copies, conflicts));
        if (!conflicts.isEmpty()) {
            throw new MergeException("the services' documents cannot be merged (" + conflicts.size() + "):\n  "
                    + String.join("\n  ", conflicts));
        }
        return merged;
    }

    private static ObjectNode info(Map<String, ObjectNode> documents, List<String> conflicts) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("title", TITLE);
        info.put("description", DESCRIPTION);
        info.set("version", agreed(documents, d -> d.path("info").path("version"), "info.version", conflicts));
        for (String field : List.of("contact", "license")) {
            JsonNode value = agreed(documents, d -> d.path("info").path(field), "info." + field, conflicts);
            if (!value.isMissingNode()) {
                info.set(field, value);
            }
        }
        return info;
    }

    /** The one gateway address; {@code host} is the operator's (the hostname of the Gateway's listener). */
    private static ArrayNode servers() {
        ObjectNode server = JsonNodeFactory.instance.objectNode();
        server.put("url", SERVER_URL);
        server.put("description", "The API gateway (Kubernetes Gateway API HTTPRoute team-credits-api): every "
                + "operation at one address, routed to the service named in its x-service");
        ObjectNode host = server.putObject("variables").putObject("host");
        host.put("default", DEFAULT_HOST);
        host.put("description", "The hostname of your deployment's gateway");
        return JsonNodeFactory.instance.arrayNode().add(server);
    }

    private static ArrayNode tags(Map<String, ObjectNode> documents, List<String> conflicts) {
        Map<String, ObjectNode> tags = new TreeMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        documents.forEach((service, document) -> document.path("tags").forEach(tag -> {
            String name = tag.path("name").asText();
            ObjectNode earlier = tags.putIfAbsent(name, (ObjectNode) tag);
            if (earlier != null && !earlier.equals(tag)) {
                conflicts.add("tag '" + name + "' differs between " + from.get(name) + " (" + earlier
                        + ") and " + service + " (" + tag + "): one tag has one description");
            }
            from.putIfAbsent(name, service);
        }));
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        tags.values().forEach(array::add);
        return array;
    }

    private static ObjectNode paths(Map<String, ObjectNode> documents, List<String> conflicts) {
        Map<String, ObjectNode> paths = new TreeMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        documents.forEach((service, document) -> document.path("paths").fields().forEachRemaining(entry -> {
            String path = entry.getKey();
            ObjectNode item = paths.computeIfAbsent(path, p -> JsonNodeFactory.instance.objectNode());
            entry.getValue().fields().forEachRemaining(field -> {
                String key = field.getKey();
                String where = key.toUpperCase() + " " + path;
                JsonNode earlier = item.get(key);
                if (earlier == null) {
                    JsonNode value = field.getValue().deepCopy();
                    if (METHODS.contains(key)) {
                        ((ObjectNode) value).put(SERVICE, service);
                        owners.put(where, service);
                    }
                    item.set(key, value);
                    return;
                }
                JsonNode mine = field.getValue().deepCopy();
                if (METHODS.contains(key)) {
                    ((ObjectNode) mine).put(SERVICE, owners.get(where));
                    if (!earlier.equals(mine)) {
                        conflicts.add(where + " is served by both " + owners.get(where) + " and " + service
                                + " with different operations: a path and method belongs to one service");
                    }
                } else if (!earlier.equals(mine)) {
                    conflicts.add("'" + key + "' of path " + path + " differs between services");
                }
            });
        }));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        paths.forEach((path, item) -> result.set(path, sortedOperations(item)));
        return result;
    }

    /** Path-level fields first, then the operations in a fixed method order. */
    private static ObjectNode sortedOperations(ObjectNode item) {
        ObjectNode sorted = JsonNodeFactory.instance.objectNode();
        item.fields().forEachRemaining(f -> {
            if (!METHODS.contains(f.getKey())) {
                sorted.set(f.getKey(), f.getValue());
            }
        });
        for (String method : List.of("get", "put", "post", "delete", "options", "head", "patch", "trace")) {
            if (item.has(method)) {
                sorted.set(method, item.get(method));
            }
        }
        return sorted;
    }

    private static ObjectNode components(Map<String, ObjectNode> documents, List<String> conflicts) {
        Map<String, Map<String, JsonNode>> sections = new TreeMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        documents.forEach((service, document) -> document.path("components").fields().forEachRemaining(section ->
                section.getValue().fields().forEachRemaining(entry -> {
                    String name = section.getKey() + "/" + entry.getKey();
                    JsonNode earlier = sections.computeIfAbsent(section.getKey(), s -> new TreeMap<>())
                            .putIfAbsent(entry.getKey(), entry.getValue());
                    if (earlier != null && !earlier.equals(entry.getValue())) {
                        conflicts.add("components/" + name + " differs between " + from.get(name)
                                + " and " + service);
                    }
                    from.putIfAbsent(name, service);
                })));
        ObjectNode components = JsonNodeFactory.instance.objectNode();
        sections.forEach((section, entries) -> {
            ObjectNode node = components.putObject(section);
            entries.forEach(node::set);
        });
        return components;
    }

    /**
     * A schema name two services use for different content is prefixed with each one's service name in that
     * service's document ({@code Member} → {@code TeamMember}, {@code LedgerMember}), references included.
     */
    static void renameConflictingSchemas(Map<String, ObjectNode> documents, List<String> conflicts) {
        Map<String, Map<String, JsonNode>> byName = new TreeMap<>();
        documents.forEach((service, document) -> document.path("components").path("schemas").fields()
                .forEachRemaining(e -> byName.computeIfAbsent(e.getKey(), n -> new LinkedHashMap<>())
                        .put(service, e.getValue())));
        Set<String> taken = byName.keySet();
        byName.forEach((name, versions) -> {
            if (versions.values().stream().distinct().count() <= 1) {
                return;
            }
            versions.keySet().forEach(service -> {
                String renamed = Character.toUpperCase(service.charAt(0)) + service.substring(1) + name;
                if (taken.contains(renamed)) {
                    conflicts.add("schema " + name + " differs between services, and its prefixed name " + renamed
                            + " is taken");
                    return;
                }
                ObjectNode document = documents.get(service);
                ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");
                Map<String, JsonNode> reordered = new LinkedHashMap<>();
                schemas.fields().forEachRemaining(e -> reordered.put(e.getKey().equals(name) ? renamed : e.getKey(),
                        e.getValue()));
                schemas.removeAll();
                reordered.forEach(schemas::set);
                rewriteRefs(document, SCHEMA_REF + name, SCHEMA_REF + renamed);
            });
        });
    }

    private static void rewriteRefs(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().equals(from)) {
                object.put("$ref", to);
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext();) {
                rewriteRefs(it.next(), from, to);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, from, to));
        }
    }

    /** The value every document has at {@code field} (missing in all is fine); a difference is a conflict. */
    private static JsonNode agreed(Map<String, ObjectNode> documents, java.util.function.Function<ObjectNode,
            JsonNode> field, String name, List<String> conflicts) {
        List<String> seen = new ArrayList<>();
        JsonNode value = null;
        for (Map.Entry<String, ObjectNode> e : documents.entrySet()) {
            JsonNode v = field.apply(e.getValue());
            if (value == null) {
                value = v;
            } else if (!value.equals(v)) {
                conflicts.add(name + " differs between services: " + String.join(", ", seen) + " have " + value + ", "
                        + e.getKey() + " has " + v);
            }
            seen.add(e.getKey());
        }
        return value == null ? JsonNodeFactory.instance.missingNode() : value;
    }

    /** Two documents disagree in a way the merge does not resolve. */
    public static final class MergeException extends RuntimeException {
        MergeException(String message) {
            super(message);
        }
    }
}
