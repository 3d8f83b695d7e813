package dev.teamcredits.common.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What is refused before any resource sees the request, the same way on every endpoint:
 * <ul>
 * <li>a NUL character in the path or query ({@code %00}), 400: PostgreSQL cannot store or compare one, so an
 * id holding it would otherwise fail deep inside a query as a 500 (the rule {@link StrictJson} applies to JSON
 * strings);</li>
 * <li>a body without a {@code Content-Type}, 415: the server would otherwise guess it is JSON;</li>
 * <li>an {@code Idempotency-Key} sent twice or invalid (empty included), 400: which key would count is
 * ambiguous, and an empty one would silently turn idempotency off where the key is optional.</li>
 * </ul>
 */
public class RequestGuards {

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuse(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (hasNul(path) || hasNul(request.getUriInfo().getRequestUri().getRawQuery())) {
            return Optional.of(new Problem("malformed-request", "Malformed request", 400,
                    "NUL characters are not allowed in the path or query.").instance(path).toResponse());
        }
        if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null && hasBody(request)) {
            return Optional.of(new Problem("unsupported-media-type", "Unsupported Media Type", 415,
                    "A request body needs a Content-Type (application/json).").instance(path).toResponse());
        }
        List<String> keys = request.getHeaders().get(IdempotencyKeys.HEADER);
        if (keys != null && !keys.isEmpty()) {
            try {
                if (keys.size() > 1) {
                    throw new ProblemException(new Problem("invalid-idempotency-key", "Invalid Idempotency-Key", 400,
                            "Send one Idempotency-Key, not " + keys.size() + "."));
                }
                IdempotencyKeys.validate(keys.get(0) == null ? "" : keys.get(0));
            } catch (ProblemException e) {
                return Optional.of(e.problem().instance(path).toResponse());
            }
        }
        return Optional.empty();
    }

    private static boolean hasNul(String raw) {
        return raw != null && raw.toLowerCase(Locale.ROOT).contains("%00");
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.trim().equals("0")) || request.getHeaderString("Transfer-Encoding") != null;
    }
}
