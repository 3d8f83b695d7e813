package dev.teamcredits.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads an error answer into a {@link Problem} and the typed exception for it. Pure: no I/O. */
final class Problems {

    private static final Set<String> RFC_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The problem in an error answer. A body that is no problem document (an empty body, a proxy's HTML page) gives
     * {@code about:blank} with the status, as RFC 9457 reads an answer without a type.
     */
    Problem parse(int status, String body) {
        JsonNode node = null;
        if (body != null && !body.isBlank()) {
            try {
                node = json.readTree(body);
            } catch (IOException e) {
                node = null;
            }
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            String detail = body == null || body.isBlank() ? null : body.strip();
            if (detail != null && detail.length() > 500) {
                detail = detail.substring(0, 500) + "…";
            }
            return new Problem("about:blank", "HTTP " + status, status, detail, null, Map.of());
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        Map<String, Object> all = json.convertValue(node, new TypeReference<Map<String, Object>>() {
        });
        all.forEach((name, value) -> {
            if (!RFC_MEMBERS.contains(name)) {
                extensions.put(name, value);
            }
        });
        // The HTTP status decides: RFC 9457 makes the document's own status member advisory.
        return new Problem(node.get("type").asText(), text(node, "title"), status, text(node, "detail"),
                text(node, "instance"), extensions);
    }

    /** The typed exception for an error answer, by problem type first, then by status. */
    TeamCreditsException exception(int status, String body, Duration retryAfter, String idempotencyKey) {
        return exception(parse(status, body), retryAfter, idempotencyKey);
    }

    static TeamCreditsException exception(Problem problem, Duration retryAfter, String idempotencyKey) {
        String message = "HTTP " + problem.status() + " " + problem.type()
                + (problem.detail() == null ? "" : ": " + problem.detail());
        String slug = problem.slug().orElse("");
        switch (slug) {
            case "insufficient-credits", "insufficient-available-credits":
                return new InsufficientCreditsException(message, problem, idempotencyKey);
            case "idempotency-key-reused":
                return new IdempotencyKeyReusedException(message, problem, idempotencyKey);
            case "validation-failed":
                return new ValidationException(message, problem, idempotencyKey);
            default:
                break;
        }
        return switch (problem.status()) {
            case 400, 422 -> new ValidationException(message, problem, idempotencyKey);
            case 401 -> new UnauthorizedException(message, problem, idempotencyKey);
            case 403 -> new ForbiddenException(message, problem, idempotencyKey);
            case 404, 410 -> new NotFoundException(message, problem, idempotencyKey);
            case 409 -> new ConflictException(message, problem, idempotencyKey);
            case 429 -> new RateLimitedException(message, problem, idempotencyKey, retryAfter);
            case 503 -> new ServiceUnavailableException(message, problem, idempotencyKey, retryAfter);
            default -> new UnexpectedProblemException(message, problem, idempotencyKey);
        };
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
