package dev.teamcredits.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body larger than {@code quarkus.http.limits.max-body-size} is a 413 {@code application/problem+json}, like
 * every other error. Quarkus refuses it by its {@code Content-Length} before any resource runs, but with an
 * empty body and a closed connection, which can reset the answer away before the client reads it; this route
 * runs just before Quarkus' own (order -2), answers the same refusal as a problem, and reads the rest of the
 * body into nothing (closing only past {@value #DRAIN_FACTOR} times the limit), so the client gets its answer.
 */
@ApplicationScoped
public class BodyLimit {

    static final int DRAIN_FACTOR = 8;

    private final Optional<MemorySize> max;
    private final ObjectMapper json;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> max,
            ObjectMapper json) {
        this.max = max;
        this.json = json;
    }

    void install(@Observes Router router) {
        if (max.isEmpty()) {
            return;
        }
        long limit = max.get().asLongValue();
        router.route().order(-3).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length.trim(), limit)) {
                Problem problem = new Problem("payload-too-large", "Payload Too Large", 413,
                        "The request body is larger than " + limit + " bytes.").with("limit", limit)
                        .instance(context.request().path());
                long[] drained = { 0 };
                context.request().handler(chunk -> {
                    drained[0] += chunk.length();
                    if (drained[0] > DRAIN_FACTOR * limit) {
                        context.request().connection().close();
                    }
                });
                context.request().resume();
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString())
                        .end(write(problem));
                return;
            }
            context.next();
        });
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself refuses a malformed Content-Length
        }
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
