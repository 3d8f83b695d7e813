package dev.teamcredits.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import dev.teamcredits.common.persistence.DatabaseErrors;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves every service as {@code application/problem+json}. Client mistakes get a
 * 4xx that says what was wrong; an unreachable database is a 503 with Retry-After
 * ({@link DatabaseErrors}); anything unexpected is a 500 with a reference to the log line, never a
 * stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** What a 503 for an unavailable database tells clients to wait: a restart or failover takes seconds. */
    static final int RETRY_AFTER_SECONDS = 2;
    private static final int MAX_ERRORS = 20;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.problem().instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(new Problem("unauthorized", "Unauthorized", 401,
                "A valid bearer token is required: it is missing, expired, not signed by the trusted issuer, "
                        + "or not issued for Team Credits (audience team-credits).")
                .instance(uri.getPath()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return new Problem("forbidden", "Forbidden", 403, "You are not allowed to do this.").instance(uri.getPath())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        // At most MAX_ERRORS listed: a list of 100,000 nulls must not become a 100,000-line answer.
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .limit(MAX_ERRORS)
                .map(v -> Map.of("field", field(v), "message", v.getMessage()))
                .toList();
        String detail = errors.stream().map(m -> m.get("field") + ": " + m.get("message"))
                .collect(Collectors.joining("; "));
        Problem problem = new Problem("validation-failed", "Invalid request", 400, detail).with("errors", errors);
        if (e.getConstraintViolations().size() > MAX_ERRORS) {
            problem.with("errorCount", e.getConstraintViolations().size());
        }
        return problem.instance(uri.getPath()).toResponse();
    }

    /** Also replaces Quarkus' own mapper for mismatched input, which answers in plain JSON. */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "Unknown field '" + unknown.getPropertyName() + "'.";
        } else if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            detail = "Field '" + path(format) + "' must be one of "
                    + java.util.Arrays.toString(format.getTargetType().getEnumConstants()) + ".";
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            detail = "Field '" + path(mapping) + "' has the wrong type or format.";
        } else {
            detail = "The request body is not valid JSON.";
        }
        return new Problem("malformed-request", "Malformed request", 400, detail).instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String slug = switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        Response response = new Problem(slug, type.getReasonPhrase(), status, e.getMessage())
                .instance(uri.getPath()).toResponse();
        if (status == 401) {
            return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        return response;
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseErrors.isUnavailable(e)) {
            return databaseUnavailable(e, uri);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error on %s (reference %s)", uri.getPath(), reference);
        return new Problem("internal-error", "Internal error", 500,
                "Something went wrong on our side; reference " + reference + ".").with("reference", reference)
                .instance(uri.getPath()).toResponse();
    }

    /**
     * PostgreSQL away (restarting, unreachable, out of connections) is not a bug of ours nor the client's:
     * 503 with Retry-After. A money request may or may not have committed; its Idempotency-Key makes the
     * retry safe either way.
     */
    private static Response databaseUnavailable(Throwable e, UriInfo uri) {
        LOG.warnf("Database unavailable on %s: %s", uri.getPath(), e.toString());
        return new Problem("database-unavailable", "Service unavailable", 503,
                "Our database is not reachable right now. Retry in a few seconds; a request retried with the same "
                        + "Idempotency-Key is never applied twice.").retryAfter(RETRY_AFTER_SECONDS)
                .instance(uri.getPath()).toResponse();
    }

    private static String field(ConstraintViolation<?> violation) {
        // "create.arg0.amount" → "amount": clients know fields, not Java method names.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : path;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
