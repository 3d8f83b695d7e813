package dev.teamcredits.notification;

import dev.teamcredits.common.OpenApiAssertions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint is in the OpenAPI document with its success and its error responses. */
@QuarkusTest
class OpenApiDocumentationTest {

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
}
