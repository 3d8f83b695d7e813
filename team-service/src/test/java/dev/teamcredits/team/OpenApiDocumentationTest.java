package dev.teamcredits.team;

import dev.teamcredits.common.OpenApiAssertions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint is in the OpenAPI document with its success and its error responses. */
@QuarkusTest
class OpenApiDocumentationTest {

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        OpenApiAssertions.everyOperationDocumentsItsErrors(List.of(
                "post /v1/orgs", "get /v1/orgs/{orgId}", "put /v1/orgs/{orgId}/plan", "patch /v1/orgs/{orgId}/settings",
                "get /v1/orgs/{orgId}/members", "delete /v1/orgs/{orgId}/members/{userId}",
                "put /v1/orgs/{orgId}/members/{userId}/role", "put /v1/orgs/{orgId}/members/{userId}/pool-access",
                "put /v1/orgs/{orgId}/members/{userId}/pool-cap", "delete /v1/orgs/{orgId}/members/{userId}/pool-cap",
                "post /v1/orgs/{orgId}/invitations", "get /v1/orgs/{orgId}/invitations",
                "delete /v1/orgs/{orgId}/invitations/{invitationId}", "post /v1/invitations/{invitationId}/accept",
                "get /v1/me/orgs", "get /v1/me/invitations", "get /v1/whoami",
                "get /v1/operator/team/parked-events", "post /v1/operator/team/parked-events/{id}/redrive"),
                List.of("put /v1/orgs/{orgId}/plan", "post /v1/orgs/{orgId}/invitations",
                        "delete /v1/orgs/{orgId}/members/{userId}"));
    }
}
