package dev.teamcredits.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document and the Java event types describe the same events, field for field. */
class AsyncApiDocumentTest {

    @Test
    void teamEventsDocumentMatchesTheCatalog() throws Exception {
        check("asyncapi/team-events.yaml", "teamEvents", "team.events", "dev.teamcredits.team.");
    }

    @Test
    void ledgerEventsDocumentMatchesTheCatalog() throws Exception {
        check("asyncapi/ledger-events.yaml", "ledgerEvents", "ledger.events", "dev.teamcredits.ledger.");
    }

    @Test
    void usageEventsDocumentMatchesTheCatalog() throws Exception {
        check("asyncapi/usage-events.yaml", "usageEvents", "usage.events", "dev.teamcredits.usage.");
    }

    private static void check(String file, String channel, String topic, String prefix) throws Exception {
        JsonNode doc = load(file);
        assertEquals(topic, doc.at("/channels/" + channel + "/address").asText());

        Map<String, JsonNode> documented = new LinkedHashMap<>();
        doc.at("/components/messages").forEach(m -> documented.put(m.path("name").asText(), m));
        Set<String> catalogued = EventCatalog.all().keySet().stream().filter(t -> t.startsWith(prefix))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalogued, new TreeSet<>(documented.keySet()), "documented message names vs. Java types");

        for (var entry : documented.entrySet()) {
            JsonNode payload = entry.getValue().at("/payload/allOf/1/properties");
            assertEquals(entry.getKey(), payload.at("/type/const").asText(), "type const of " + entry.getKey());
            Set<String> documentedFields = new TreeSet<>();
            payload.at("/data/properties").fieldNames().forEachRemaining(documentedFields::add);
            Class<?> type = EventCatalog.classOf(entry.getKey()).orElseThrow();
            Set<String> javaFields = Arrays.stream(type.getRecordComponents()).map(c -> c.getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(javaFields, documentedFields, "data fields of " + entry.getKey());
            payload.at("/data/required").forEach(r -> assertTrue(javaFields.contains(r.asText()),
                    entry.getKey() + " requires unknown field " + r.asText()));
            String channelRef = "#/components/messages/" + messageKey(doc, entry.getKey());
            assertTrue(doc.at("/channels/" + channel + "/messages").toString().contains(channelRef),
                    entry.getKey() + " is not on the channel");
        }
    }

    private static String messageKey(JsonNode doc, String name) {
        var it = doc.at("/components/messages").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().path("name").asText().equals(name)) {
                return e.getKey();
            }
        }
        throw new AssertionError(name);
    }

    private static JsonNode load(String resource) throws Exception {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
