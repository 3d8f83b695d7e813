package dev.teamcredits.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The merged document is exactly the four services' operations, once each, at one address. */
class MergedDocumentTest {

    @Test
    void theMergedDocumentHoldsExactlyEachServicesOperationsWithTheirOperationIds() {
        Map<String, String> expected = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Documents.stored().forEach((service, document) -> Documents.operations(document).forEach(op -> {
            String earlier = expected.put(op.key(), String.valueOf(op.operationId()));
            if (earlier != null && !earlier.equals(String.valueOf(op.operationId()))) {
                problems.add(op.key() + " has operationId " + earlier + " in one service, " + op.operationId()
                        + " in " + service);
            }
        }));
        Map<String, String> merged = new TreeMap<>();
        Documents.operations(Documents.merged()).forEach(op -> merged.put(op.key(), String.valueOf(op.operationId())));
        expected.forEach((key, id) -> {
            if (!merged.containsKey(key)) {
                problems.add("missing from the merged document: " + key);
            } else if (!merged.get(key).equals(id)) {
                problems.add(key + ": operationId " + merged.get(key) + " in the merged document, " + id
                        + " in the service's");
            }
        });
        merged.keySet().stream().filter(k -> !expected.containsKey(k))
                .forEach(k -> problems.add("in the merged document but no service's: " + k));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyOperationOfTheMergedDocumentNamesTheServiceThatServesIt() {
        List<String> problems = new ArrayList<>();
        for (Documents.Operation op : Documents.operations(Documents.merged())) {
            String service = op.node().path(MergeDocuments.SERVICE).asText();
            String first = Documents.stored().entrySet().stream()
                    .filter(e -> e.getValue().path("paths").path(op.path()).has(op.method()))
                    .map(Map.Entry::getKey).findFirst().orElse("none");
            if (!service.equals(first)) {
                problems.add(op + ": x-service '" + service + "', served by " + first);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals("team", Documents.merged().path("paths").path("/v1/whoami").path("get")
                .path(MergeDocuments.SERVICE).asText(), "whoami, served by every service, is routed to team");
    }

    @Test
    void operationIdsAreUniqueAcrossTheMergedDocument() {
        Map<String, List<String>> byId = new TreeMap<>();
        Documents.operations(Documents.merged()).stream().filter(op -> op.operationId() != null)
                .forEach(op -> byId.computeIfAbsent(op.operationId(), id -> new ArrayList<>()).add(op.key()));
        String duplicates = byId.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
        assertTrue(duplicates.isEmpty(), "operationIds used more than once:\n" + duplicates);
    }

    @Test
    void theMergedDocumentIsOneAddressAndOneOpenApi31Document() throws Exception {
        ObjectNode merged = Documents.merged();
        assertEquals("3.1.0", merged.path("openapi").asText());
        assertEquals(MergeDocuments.TITLE, merged.path("info").path("title").asText());
        assertEquals(1, merged.path("servers").size(), "one address: " + merged.path("servers"));
        assertEquals(MergeDocuments.SERVER_URL, merged.path("servers").path(0).path("url").asText());
        JsonNode yaml = MergeDocuments.YAML.readTree(Documents.mergedFile("yaml").toFile());
        assertEquals(merged, yaml, "team-credits.yaml and team-credits.json are the same document");
    }

    /** The file on disk is what the merge makes of the stored documents now (not left over from another build). */
    @Test
    void theMergedDocumentIsTheMergeOfTheStoredDocuments() {
        assertEquals(MergeDocuments.merge(Documents.stored()), Documents.merged());
    }

    // The merge's own rules, on small documents.

    @Test
    void aSchemaTwoServicesDefineDifferentlyIsRenamedPerServiceWithItsReferences() throws Exception {
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        documents.put("team", document("/v1/orgs", "listOrgs", "{\"type\":\"object\",\"description\":\"team's\"}"));
        documents.put("ledger", document("/v1/spends", "spend", "{\"type\":\"object\",\"description\":\"ledger's\"}"));
        ObjectNode merged = MergeDocuments.merge(documents);
        assertEquals("[\"LedgerThing\",\"Problem\",\"TeamThing\"]", names(merged.path("components").path("schemas")));
        assertEquals("#/components/schemas/TeamThing", merged.at("/paths/~1v1~1orgs/get/responses/200/content"
                + "/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/LedgerThing", merged.at("/paths/~1v1~1spends/get/responses/200/content"
                + "/application~1json/schema/$ref").asText());
        assertEquals("ledger", merged.at("/paths/~1v1~1spends/get/x-service").asText());
    }

    @Test
    void anIdenticalOperationOfSeveralServicesIsKeptOnceAndADifferentOneIsAnError() throws Exception {
        String schema = "{\"type\":\"object\"}";
        Map<String, ObjectNode> same = new LinkedHashMap<>();
        same.put("team", document("/v1/whoami", "whoAmI", schema));
        same.put("usage", document("/v1/whoami", "whoAmI", schema));
        assertEquals("team", MergeDocuments.merge(same).at("/paths/~1v1~1whoami/get/x-service").asText());

        Map<String, ObjectNode> different = new LinkedHashMap<>();
        different.put("team", document("/v1/whoami", "whoAmI", schema));
        different.put("usage", document("/v1/whoami", "whoAmIAgain", schema));
        MergeDocuments.MergeException e = assertThrows(MergeDocuments.MergeException.class,
                () -> MergeDocuments.merge(different));
        assertTrue(e.getMessage().contains("GET /v1/whoami is served by both team and usage"), e.getMessage());
    }

    @Test
    void aTagWithTwoDescriptionsIsAnError() throws Exception {
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        documents.put("team", document("/v1/a", "a", "{}"));
        documents.put("ledger", document("/v1/b", "b", "{}"));
        ((ObjectNode) documents.get("ledger").path("tags").path(0)).put("description", "another");
        assertThrows(MergeDocuments.MergeException.class, () -> MergeDocuments.merge(documents));
    }

    private static ObjectNode document(String path, String operationId, String thing) throws Exception {
        return (ObjectNode) MergeDocuments.JSON.readTree("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "tags": [{"name": "Things", "description": "Things"}],
                 "paths": {"%s": {"get": {"operationId": "%s", "tags": ["Things"], "responses": {"200": {
                   "description": "ok", "content": {"application/json": {"schema": {
                   "$ref": "#/components/schemas/Thing"}}}}}}}},
                 "components": {"schemas": {"Thing": %s, "Problem": {"type": "object"}}}}
                """.formatted(path, operationId, thing));
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return MergeDocuments.JSON.valueToTree(names).toString();
    }
}
