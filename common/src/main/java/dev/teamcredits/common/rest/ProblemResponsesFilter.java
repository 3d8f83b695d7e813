package dev.teamcredits.common.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.servers.Server;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Documents what every API operation can answer besides its own outcomes, from the one place that makes those
 * answers (common's guards and mappers), so no resource can forget them:
 * <ul>
 * <li>401 without a valid token, 500 with a log reference, 503 when the replica is overloaded or its database
 * unreachable (with {@code Retry-After}); for a request body 400, 413 and 415;</li>
 * <li>for an operation taking an {@code Idempotency-Key}: the key's own refusals (400, 409, 422) and the
 * {@code Idempotency-Replayed} header of its successful answers;</li>
 * <li>{@code Retry-After} on every 429 and 503;</li>
 * <li>the RFC 9457 problem schema on every error response, and its problem types as {@code x-problem-types}: the
 * slugs a response's description names in parentheses ("No such org (org-not-found)"), so the description a
 * person reads and the list a client generator reads cannot drift apart;</li>
 * <li>operation ids of the resources every service has (parked events), prefixed with the service's name, so the
 * merged document of the four services has each id once.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH) // BUILD too: the document stored for the api module is the one served
public class ProblemResponsesFilter implements OASFilter {

    /** The tag of common's operator resources (parked events), described here for every service. */
    public static final String OPERATIONS_TAG = "Operations";
    /** The tag of {@code /v1/whoami}. */
    public static final String IDENTITY_TAG = "Identity";
    private static final Map<String, String> COMMON_TAGS = Map.of(
            OPERATIONS_TAG, "For operator clients (teamcredits.operators.clients): the service's operator tools, "
                    + "such as the events its consumers parked and their re-drive",
            IDENTITY_TAG, "Who the service thinks the caller is, to check a token");

    /** The extension listing a response's problem slugs (the part after {@value Problem#TYPE_PREFIX}). */
    public static final String PROBLEM_TYPES = "x-problem-types";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    /** The gateway's host name the documents name by default (the {@code host} server variable). */
    public static final String GATEWAY_HOST = "api.teamcredits.dev";
    private static final Pattern PARENTHESES = Pattern.compile("\\(([^()]*)\\)");
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Operations of common's resources that every service serves under its own path. */
    private static final Set<String> PER_SERVICE_IDS = Set.of("listParkedEvents", "redriveParkedEvent");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        COMMON_TAGS.forEach((name, description) -> {
            Tag tag = openAPI.getTags() == null ? null
                    : openAPI.getTags().stream().filter(t -> t.getName().equals(name)).findFirst().orElse(null);
            if (tag == null) {
                openAPI.addTag(OASFactory.createTag().name(name).description(description));
            } else if (tag.getDescription() == null) {
                tag.setDescription(description);
            }
        });
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.setServers(servers());
        String service = serviceName();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/v1/")) {
                return;
            }
            item.getOperations().values().forEach(operation -> {
                if (operation.getOperationId() != null && PER_SERVICE_IDS.contains(operation.getOperationId())) {
                    operation.setOperationId(perService(operation.getOperationId(), service));
                }
                document(operation);
            });
        });
    }

    private static void document(Operation operation) {
        // Quarkus adds these two to every secured operation; a 403 the resource does not declare cannot happen
        // (roles come from the services' data, and each resource documents its own), and the 401 gets ours.
        APIResponse autoForbidden = operation.getResponses().getAPIResponse("403");
        if (autoForbidden != null && "Not Allowed".equals(autoForbidden.getDescription())) {
            operation.getResponses().removeAPIResponse("403");
        }
        APIResponse autoUnauthorized = operation.getResponses().getAPIResponse("401");
        if (autoUnauthorized != null && "Not Authorized".equals(autoUnauthorized.getDescription())) {
            operation.getResponses().removeAPIResponse("401");
        }
        add(operation, "401", "Missing, expired or untrusted bearer token", "unauthorized");
        if (operation.getRequestBody() != null) {
            add(operation, "400", "Malformed JSON, wrong types, unknown fields or invalid values",
                    "malformed-request", "validation-failed");
            add(operation, "413", "The body is larger than the service accepts", "payload-too-large");
            add(operation, "415", "The body is not JSON (Content-Type)", "unsupported-media-type");
        }
        Parameter key = idempotencyKey(operation);
        if (key != null) {
            if (Boolean.TRUE.equals(key.getRequired())) {
                add(operation, "400", "No Idempotency-Key, or not 1 to 200 visible ASCII characters",
                        "idempotency-key-required", "invalid-idempotency-key");
            } else {
                add(operation, "400", "An Idempotency-Key that is not 1 to 200 visible ASCII characters",
                        "invalid-idempotency-key");
            }
            add(operation, "409", "A request with this Idempotency-Key is still in progress; retry shortly",
                    "idempotency-key-in-use");
            add(operation, "422", "This Idempotency-Key was already used with a different request",
                    "idempotency-key-reused");
        }
        add(operation, "500", "Unexpected error, with a reference to the server log", "internal-error");
        add(operation, "503", "The replica is at its limit of requests in flight, or its database is unreachable; "
                + "retry after Retry-After seconds with the same Idempotency-Key", "overloaded",
                "database-unavailable");
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE.toString(),
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
                Set<String> types = new LinkedHashSet<>(slugs(response.getDescription()));
                types.addAll(listed(response));
                response.addExtension(PROBLEM_TYPES, new ArrayList<>(types));
            }
            if (code.equals("429") || code.equals("503")) {
                addHeader(response, "Retry-After", "Seconds to wait before trying again", integer());
            }
            if (key != null && code.startsWith("2")) {
                addHeader(response, IdempotencyKeys.REPLAYED_HEADER, "true when this is the stored answer of an "
                        + "earlier request with the same Idempotency-Key (nothing was done again)",
                        OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN));
            }
        });
    }

    /**
     * Adds {@code slugs} to the response {@code code}, creating it with {@code description} if the operation does
     * not document it yet.
     */
    private static void add(Operation operation, String code, String description, String... slugs) {
        APIResponse response = operation.getResponses().getAPIResponse(code);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(description + " (" + String.join(", ", slugs) + ")");
            operation.getResponses().addAPIResponse(code, response);
            return;
        }
        Set<String> types = new LinkedHashSet<>(listed(response));
        types.addAll(List.of(slugs));
        response.addExtension(PROBLEM_TYPES, new ArrayList<>(types));
    }

    @SuppressWarnings("unchecked")
    private static List<String> listed(APIResponse response) {
        Object listed = response.getExtensions() == null ? null : response.getExtensions().get(PROBLEM_TYPES);
        return listed instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** The problem slugs a description names: each part of a parenthesis (split at commas, semicolons, "or"). */
    static List<String> slugs(String description) {
        List<String> slugs = new ArrayList<>();
        if (description == null) {
            return slugs;
        }
        Matcher parentheses = PARENTHESES.matcher(description);
        while (parentheses.find()) {
            for (String part : parentheses.group(1).split(",|;|\\bor\\b")) {
                String candidate = part.trim();
                if (SLUG.matcher(candidate).matches() && !slugs.contains(candidate)) {
                    slugs.add(candidate);
                }
            }
        }
        return slugs;
    }

    private static Parameter idempotencyKey(Operation operation) {
        if (operation.getParameters() == null) {
            return null;
        }
        return operation.getParameters().stream()
                .filter(p -> p.getIn() == Parameter.In.HEADER && IdempotencyKeys.HEADER.equalsIgnoreCase(p.getName()))
                .findFirst().orElse(null);
    }

    private static void addHeader(APIResponse response, String name, String description, Schema schema) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            Header header = OASFactory.createHeader().description(description).schema(schema);
            response.addHeader(name, header);
        }
    }

    private static String perService(String operationId, String service) {
        // listParkedEvents → listLedgerParkedEvents: the verb stays first, the service names the list.
        int split = 0;
        while (split < operationId.length() && Character.isLowerCase(operationId.charAt(split))) {
            split++;
        }
        return operationId.substring(0, split) + service + operationId.substring(split);
    }

    /** "ledger-service" → "Ledger". */
    private static String serviceName() {
        String name = ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class)
                .orElse("service").replace("-service", "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The one gateway address (deploy/k8s, the api-gateway component), and this service where {@code ./run-local}
     * starts it. Set here rather than in configuration: it describes where the document's paths are reached, not
     * a setting a deployment changes.
     */
    private static List<Server> servers() {
        // The port the service's own application.properties names (./run-local's), not the one this process was
        // given: the document is the same wherever the service runs (PublishedDocumentsTest checks it).
        String port = "8080";
        for (ConfigSource source : ConfigProvider.getConfig().getConfigSources()) {
            String value = source.getName().contains("application.properties") ? source.getValue("quarkus.http.port")
                    : null;
            if (value != null) {
                port = value;
                break;
            }
        }
        return List.of(
                OASFactory.createServer().url("https://{host}")
                        .description("The one address: the gateway that routes every path to its service")
                        .variables(Map.of("host", OASFactory.createServerVariable().defaultValue(GATEWAY_HOST)
                                .description("The gateway's host name"))),
                OASFactory.createServer().url("http://127.0.0.1:" + port)
                        .description("This service as ./run-local starts it"));
    }

    private static Schema integer() {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32");
    }

    private static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                .description("The kind of error: " + Problem.TYPE_PREFIX + "<slug>, stable; branch on it")
                .examples(List.of(Problem.TYPE_PREFIX + "insufficient-credits")));
        properties.put("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .description("A short summary of the kind of error, for people"));
        properties.put("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                .description("The HTTP status of this answer"));
        properties.put("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .description("What went wrong with this request, for people"));
        properties.put("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .description("A reference to this occurrence (e.g. the log reference of an internal error)"));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; `type` is stable per kind of error "
                        + "(" + Problem.TYPE_PREFIX + "<slug>). Some problems add members, e.g. `limit`, `errors`, "
                        + "`shortfall`; the catalogue of types is in the API's PROBLEMS document.")
                .properties(properties)
                .required(List.of("type", "title", "status"))
                .additionalPropertiesBoolean(true);
    }
}
