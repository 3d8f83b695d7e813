package dev.teamcredits.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.OpenApiAssertions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every endpoint is in the OpenAPI document with its success and its error responses, described for clients. */
@QuarkusTest
class OpenApiDocumentationTest {

    /** The service's own schemas (the rest are common's). */
    private static final Set<String> OWN_SCHEMAS = Set.of("NotificationPage", "NotificationView", "UnreadCount",
            "Preference", "Preferences", "WebhookRequest", "WebhookView", "WebhookPage", "WebhookDeliveryPage",
            "WebhookDeliveryView");

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        OpenApiAssertions.everyOperationDocumentsItsErrors(List.of("get /v1/me/notifications",
                "get /v1/me/notifications/unread-count", "post /v1/me/notifications/{id}/read",
                "post /v1/me/notifications/read-all", "get /v1/me/notification-preferences",
                "put /v1/me/notification-preferences", "get /v1/me/stream", "post /v1/orgs/{orgId}/webhooks",
                "get /v1/orgs/{orgId}/webhooks", "delete /v1/orgs/{orgId}/webhooks/{webhookId}",
                "get /v1/orgs/{orgId}/webhooks/{webhookId}/deliveries",
                "post /v1/orgs/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}/redrive", "get /v1/whoami",
                "get /v1/operator/notification/parked-events", "post /v1/operator/notification/parked-events/{id}/redrive"),
                List.of("post /v1/orgs/{orgId}/webhooks", "get /v1/orgs/{orgId}/webhooks",
                        "delete /v1/orgs/{orgId}/webhooks/{webhookId}",
                        "get /v1/orgs/{orgId}/webhooks/{webhookId}/deliveries",
                        "post /v1/orgs/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}/redrive"));
    }

    /**
     * What a client generator and a reader need: a camelCase operationId, a summary and one described tag per
     * operation; every error response ending with its problem types; limits as bounded integers; the
     * Idempotency-Key where it is taken; every field of the service's schemas described.
     */
    @Test
    void everyOperationAndFieldIsDescribedForClients() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        Set<String> describedTags = new HashSet<>();
        doc.path("tags").forEach(t -> {
            if (!t.path("description").asText().isBlank()) {
                describedTags.add(t.path("name").asText());
            }
        });
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey() + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (!path.getKey().startsWith("/v1/me/") && !path.getKey().startsWith("/v1/orgs/")) {
                return; // whoami and the parked events are common's
            }
            String id = operation.path("operationId").asText();
            if (!id.matches("[a-z][a-zA-Z]+") || !ids.add(id)) {
                problems.add(name + ": operationId '" + id + "' is not a unique camelCase name");
            }
            if (operation.path("summary").asText().isBlank()) {
                problems.add(name + ": no summary");
            }
            if (operation.path("tags").size() != 1 || !describedTags.contains(operation.path("tags").get(0).asText())) {
                problems.add(name + ": not exactly one described tag: " + operation.path("tags"));
            }
            operation.path("responses").fields().forEachRemaining(r -> {
                String description = r.getValue().path("description").asText();
                // Quarkus adds these two to every secured operation; common's filter is to word them.
                boolean quarkusDefault = Map.of("401", "Not Authorized", "403", "Not Allowed")
                        .getOrDefault(r.getKey(), "").equals(description);
                if (r.getKey().matches("[45]..") && !quarkusDefault
                        && !description.matches("(?s).*\\(([a-z]+(-[a-z]+)*)(, [a-z]+(-[a-z]+)*)*\\)")) {
                    problems.add(name + " " + r.getKey() + ": description does not end with its problem types: "
                            + description);
                }
            });
            operation.path("parameters").forEach(p -> {
                JsonNode schema = p.path("schema");
                if (p.path("description").asText().isBlank()) {
                    problems.add(name + ": parameter " + p.path("name").asText() + " is not described");
                }
                if (p.path("name").asText().equals("limit") && !(schema.path("type").asText().equals("integer")
                        && schema.has("minimum") && schema.has("maximum") && schema.has("default"))) {
                    problems.add(name + ": limit is not a bounded integer with a default: " + schema);
                }
            });
        }));
        JsonNode register = doc.path("paths").path("/v1/orgs/{orgId}/webhooks").path("post");
        boolean keyed = false;
        for (JsonNode p : register.path("parameters")) {
            keyed |= p.path("in").asText().equals("header") && p.path("name").asText().equals("Idempotency-Key")
                    && !p.path("required").asBoolean(false);
        }
        if (!keyed) {
            problems.add("registerWebhook does not document its optional Idempotency-Key header");
        }
        if (register.path("requestBody").path("content").path("application/json").path("examples").isEmpty()) {
            problems.add("registerWebhook has no request body example");
        }
        doc.path("components").path("schemas").fields().forEachRemaining(schema -> {
            if (!OWN_SCHEMAS.contains(schema.getKey())) {
                return;
            }
            if (schema.getValue().path("description").asText().isBlank()) {
                problems.add(schema.getKey() + " is not described");
            }
            schema.getValue().path("properties").fields().forEachRemaining(p -> {
                if (p.getValue().path("description").asText().isBlank()) {
                    problems.add(schema.getKey() + "." + p.getKey() + " is not described");
                }
            });
        });
        assertEquals(List.of(), problems);
    }
}
