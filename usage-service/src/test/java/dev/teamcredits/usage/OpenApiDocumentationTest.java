package dev.teamcredits.usage;

import dev.teamcredits.common.OpenApiAssertions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint is in the OpenAPI document with its success and its error responses. */
@QuarkusTest
class OpenApiDocumentationTest {

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        OpenApiAssertions.everyOperationDocumentsItsErrors(List.of("get /v1/orgs/{orgId}/usage",
                "get /v1/orgs/{orgId}/usage/cycles", "get /v1/orgs/{orgId}/usage/daily",
                "get /v1/orgs/{orgId}/members/{userId}/usage/daily", "post /v1/admin/usage/rebuild", "get /v1/whoami",
                "get /v1/operator/usage/parked-events", "post /v1/operator/usage/parked-events/{id}/redrive"),
                List.of("get /v1/orgs/{orgId}/usage/daily"));
    }
}
