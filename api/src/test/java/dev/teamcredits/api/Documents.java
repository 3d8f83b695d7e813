package dev.teamcredits.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documents the tests read: each service's stored one and the merged one, with their operations. */
final class Documents {

    /** The repository root (the services' modules are below it). */
    static final Path ROOT = Path.of(System.getProperty("teamcredits.api.services", "..")).toAbsolutePath()
            .normalize();
    /** Where the build wrote the merged document. */
    static final Path OUT = Path.of(System.getProperty("teamcredits.api.out", "target/openapi")).toAbsolutePath();
    static final String MERGED = "merged";

    private static Map<String, ObjectNode> stored;

    private Documents() {
    }

    /** Service name → its stored document, in {@link MergeDocuments#SERVICES} order. */
    static synchronized Map<String, ObjectNode> stored() {
        if (stored == null) {
            Map<String, ObjectNode> documents = new LinkedHashMap<>();
            for (String service : MergeDocuments.SERVICES) {
                documents.put(service, read(storedFile(service)));
            }
            stored = documents;
        }
        return stored;
    }

    static Path storedFile(String service) {
        return MergeDocuments.storedDocument(ROOT, service);
    }

    static Path mergedFile(String extension) {
        return OUT.resolve("team-credits." + extension);
    }

    static ObjectNode merged() {
        return read(mergedFile("json"));
    }

    /** Every document the rules hold for: the four stored ones, then the merged one. */
    static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> all = new LinkedHashMap<>(stored());
        all.put(MERGED, merged());
        return all;
    }

    static Path fileOf(String name) {
        return name.equals(MERGED) ? mergedFile("yaml") : storedFile(name);
    }

    private static ObjectNode read(Path file) {
        try {
            return MergeDocuments.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Operation(String method, String path, ObjectNode node) {

        String key() {
            return method.toUpperCase() + " " + path;
        }

        String operationId() {
            return node.path("operationId").asText(null);
        }

        @Override
        public String toString() {
            return key() + (operationId() == null ? "" : " (" + operationId() + ")");
        }
    }

    static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m -> {
            if (MergeDocuments.METHODS.contains(m.getKey())) {
                operations.add(new Operation(m.getKey(), path.getKey(), (ObjectNode) m.getValue()));
            }
        }));
        return operations;
    }

    /** {@code node} itself, or what its {@code $ref} (a local one) points at. */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null || !ref.asText().startsWith("#/")) {
            return node;
        }
        return resolve(document, document.at(ref.asText().substring(1)));
    }
}
