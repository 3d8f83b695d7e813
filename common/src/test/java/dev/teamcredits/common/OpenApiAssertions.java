package dev.teamcredits.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a running service's OpenAPI document: every endpoint is there with its success and error responses. */
public final class OpenApiAssertions {

    private OpenApiAssertions() {
    }

    /**
     * @param expected "method path" of every /v1 operation the service must document, e.g. "get /v1/whoami"
     * @param adminOnly operations that must document 403
     */
    public static void everyOperationDocumentsItsErrors(List<String> expected, List<String> adminOnly) {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
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
            if (adminOnly.contains(name)) {
                assertTrue(responses.containsKey("403"), name + " does not document 403");
            }
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertTrue(String.valueOf(response.get("content")).contains("application/problem+json"),
                            name + " " + code + " is not a problem");
                }
            });
        }));
        assertEquals(expected.stream().sorted().toList(), found.stream().sorted().toList());
        assertTrue(doc.getMap("components.securitySchemes").size() > 0, "no bearer security scheme");
    }
}
