package dev.teamcredits.team;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every endpoint is in the OpenAPI document with its success and its error responses. */
@QuarkusTest
class OpenApiDocumentationTest {

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> expected = List.of(
                "post /v1/orgs", "get /v1/orgs/{orgId}", "put /v1/orgs/{orgId}/plan", "patch /v1/orgs/{orgId}/settings",
                "get /v1/orgs/{orgId}/members", "delete /v1/orgs/{orgId}/members/{userId}",
                "put /v1/orgs/{orgId}/members/{userId}/role", "put /v1/orgs/{orgId}/members/{userId}/pool-access",
                "put /v1/orgs/{orgId}/members/{userId}/pool-cap", "delete /v1/orgs/{orgId}/members/{userId}/pool-cap",
                "post /v1/orgs/{orgId}/invitations", "get /v1/orgs/{orgId}/invitations",
                "delete /v1/orgs/{orgId}/invitations/{invitationId}", "post /v1/invitations/{invitationId}/accept",
                "get /v1/me/orgs", "get /v1/me/invitations", "get /v1/whoami");
        List<String> found = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!path.startsWith("/v1/")) {
                return;
            }
            String name = method + " " + path;
            found.add(name);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            assertTrue(responses.keySet().stream().anyMatch(c -> c.startsWith("2")), name + " has no success response");
            assertTrue(responses.containsKey("401"), name + " does not document 401");
            if (path.contains("{orgId}")) {
                assertTrue(responses.containsKey("404"), name + " does not document 404");
            }
            if (operation.containsKey("requestBody")) {
                assertTrue(responses.containsKey("400"), name + " does not document 400");
            }
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertTrue(String.valueOf(response.get("content")).contains("application/problem+json"),
                            name + " " + code + " is not a problem");
                }
            });
        }));
        assertEquals(expected.stream().sorted().toList(), found.stream().sorted().toList());
        for (String admin : List.of("put /v1/orgs/{orgId}/plan", "post /v1/orgs/{orgId}/invitations",
                "delete /v1/orgs/{orgId}/members/{userId}")) {
            String[] parts = admin.split(" ");
            assertTrue(((Map<?, ?>) paths.get(parts[1]).get(parts[0]).get("responses")).containsKey("403"),
                    admin + " does not document 403");
        }
        assertTrue(doc.getMap("components.securitySchemes").size() > 0, "no bearer security scheme");
    }
}
