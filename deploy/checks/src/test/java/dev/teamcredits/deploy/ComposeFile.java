package dev.teamcredits.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker-compose.yml, parsed once. */
final class ComposeFile {

    private static ObjectNode document;

    private ComposeFile() {
    }

    static synchronized ObjectNode document() {
        if (document == null) {
            List<ObjectNode> docs = Tools.parseYamlDocuments(Repo.read(Repo.COMPOSE_FILE));
            if (docs.size() != 1 || !docs.get(0).path("services").isObject()) {
                throw new AssertionError("docker-compose.yml must be one YAML document with services");
            }
            document = docs.get(0);
        }
        return document;
    }

    static ObjectNode services() {
        return (ObjectNode) document().get("services");
    }

    /** A compose service's environment, in map or list form. */
    static Map<String, ProductionSettings.Source> environment(String service) {
        Map<String, ProductionSettings.Source> env = new LinkedHashMap<>();
        JsonNode node = services().path(service).path("environment");
        String where = "docker-compose.yml (" + service + ")";
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(),
                    new ProductionSettings.Literal(e.getValue().isNull() ? null : e.getValue().asText(), where)));
        } else {
            for (JsonNode item : node) {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], new ProductionSettings.Literal(kv.length > 1 ? kv[1] : null, where));
            }
        }
        return env;
    }

    /** The value compose gives a service's variable, or null. */
    static String value(String service, String variable) {
        return environment(service).get(variable) instanceof ProductionSettings.Literal l ? l.value() : null;
    }
}
