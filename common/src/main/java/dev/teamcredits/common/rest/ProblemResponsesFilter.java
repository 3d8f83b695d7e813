package dev.teamcredits.common.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents what every API operation can answer besides its own outcomes: 401 without a valid
 * token, 400 for a malformed or invalid body, 500 with a log reference; and gives every error
 * response the RFC 9457 problem schema. Operation-specific errors are annotated on the resources.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/v1/")) {
                return;
            }
            item.getOperations().values().forEach(operation -> {
                addIfMissing(operation, "401", "Missing, expired or untrusted bearer token (unauthorized)");
                if (operation.getRequestBody() != null) {
                    addIfMissing(operation, "400",
                            "Malformed JSON, wrong types, unknown fields or invalid values (malformed-request, validation-failed)");
                }
                addIfMissing(operation, "500", "Unexpected error, with a reference to the server log (internal-error)");
                operation.getResponses().getAPIResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE.toString(),
                                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
                    }
                });
            });
        });
    }

    private static void addIfMissing(Operation operation, String code, String description) {
        if (operation.getResponses().getAPIResponse(code) == null) {
            APIResponse response = OASFactory.createAPIResponse().description(description);
            operation.getResponses().addAPIResponse(code, response);
        }
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; `type` is stable per kind of error "
                        + "(" + Problem.TYPE_PREFIX + "<slug>). Some problems add members, e.g. `limit`.")
                .properties(Map.of(
                        "type", string,
                        "title", string,
                        "status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                        "detail", string,
                        "instance", string))
                .additionalPropertiesBoolean(true);
    }
}
