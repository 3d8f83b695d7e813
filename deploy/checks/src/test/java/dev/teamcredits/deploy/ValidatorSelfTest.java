package dev.teamcredits.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline validator rejects what a cluster or Compose would reject, so a green check means
 * something: wrong types, missing required fields, misspelt fields (which the API server's strict
 * field validation refuses) and unknown custom-resource fields.
 */
class ValidatorSelfTest {

    private static ObjectNode yaml(String text) {
        return Tools.parseYamlDocuments(text).get(0);
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              replicas: 2
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                    - name: x
                      image: x:1
                      livenessProbe:
                        httpGet: {path: /q/health/live, port: 8080}
            """;

    @Test
    void acceptsAValidDeployment() {
        assertEquals(List.of(), Tools.validateKubernetes(List.of(yaml(DEPLOYMENT))));
    }

    @Test
    void rejectsWrongTypesMissingFieldsAndMisspeltFields() {
        List<String> errors = Tools.validateKubernetes(List.of(
                yaml(DEPLOYMENT.replace("replicas: 2", "replicas: two")),
                yaml(DEPLOYMENT.replace("  template:", "  templat:")),
                yaml(DEPLOYMENT.replace("httpGet:", "httpGett:")),
                yaml("""
                        apiVersion: policy/v1
                        kind: PodDisruptionBudget
                        metadata: {name: x}
                        spec: {maxUnavailable: 1, selector: {matchLabel: {app: x}}}
                        """)));
        assertTrue(errors.stream().anyMatch(e -> e.contains("replicas must be integer")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("required property template")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("livenessProbe.httpGett: unknown field")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("selector.matchLabel: unknown field")), errors::toString);
        assertEquals(5, errors.size(), errors::toString); // "templat" is both unknown and leaves template missing
    }

    @Test
    void checksCustomResourcesStructurally() {
        List<String> errors = Tools.validateKubernetes(List.of(
                yaml("""
                        apiVersion: kafka.strimzi.io/v1
                        kind: KafkaTopic
                        metadata: {name: t, labels: {strimzi.io/cluster: c}}
                        spec: {partitions: 3, replicas: 1}
                        """),
                yaml("""
                        apiVersion: kafka.strimzi.io/v1
                        kind: KafkaTopic
                        metadata: {name: t}
                        spec: {partitons: 3, replicas: 0}
                        """),
                yaml("""
                        apiVersion: postgresql.cnpg.io/v1
                        kind: Cluster
                        metadata: {name: db}
                        """),
                yaml("""
                        apiVersion: example.com/v1
                        kind: Gadget
                        metadata: {name: g}
                        spec: {}
                        """)));
        assertTrue(errors.stream().anyMatch(e -> e.contains("spec.partitons: unknown field")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("spec.partitions is required")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("spec.replicas must be a positive integer")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("label strimzi.io/cluster is required")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("Cluster/db: spec is required")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("Gadget")), errors::toString);
        assertEquals(6, errors.size(), errors::toString);
    }

    /** HTTPRoute against the Gateway API's schema, inherited fields (parentRefs, a backendRef's name) included. */
    @Test
    void checksHttpRoutesAgainstTheGatewayApiSchema() {
        String route = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /v1/x}}]
                      backendRefs: [{name: x, port: 8080}]
                """;
        assertEquals(List.of(), Tools.validateKubernetes(List.of(yaml(route))));
        List<String> errors = Tools.validateKubernetes(List.of(
                yaml(route.replace("type: PathPrefix", "type: Prefix")),
                yaml(route.replace("backendRefs: [{name: x,", "backendRefs: [{nam: x,"))));
        assertTrue(errors.stream().anyMatch(e -> e.contains("path/type must be equal to one of the allowed values")),
                errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("backendRefs[0].nam: unknown field")), errors::toString);
    }

    @Test
    void rejectsInvalidCompose() {
        ObjectNode ok = yaml("""
                services:
                  a:
                    image: a:1
                    healthcheck: {test: [CMD, "true"], interval: 5s}
                    depends_on:
                      b: {condition: service_healthy}
                  b:
                    image: b:1
                """);
        assertEquals(List.of(), Tools.validateCompose(ok));
        List<String> errors = Tools.validateCompose(yaml("""
                services:
                  a:
                    image: a:1
                    enviroment: {X: "1"}
                    healthcheck: {test: [CMD, "true"], interval: five seconds}
                    depends_on:
                      b: {condition: service_ready}
                """));
        assertTrue(errors.stream().anyMatch(e -> e.contains("\"enviroment\"")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("interval") && e.contains("duration")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("depends_on")), errors::toString);
    }
}
