package dev.teamcredits.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.config.HttpLimitsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sheds load before it queues: at most {@code teamcredits.http.max-in-flight} API requests are served
 * at once on a replica, and one more is answered at once with 503 {@code overloaded} and
 * {@code Retry-After: 1}, before authentication, parsing or any database work, so nothing of it is
 * done. Without it a saturated replica holds every request its clients send (each one's latency is
 * in-flight ÷ throughput, seconds under 5× load) and the admitted ones time out too. Not counted:
 * {@code /q/} (health must answer under load, so Kubernetes does not kill a busy replica) and live
 * streams (long-lived, bounded on their own). Shed requests are counted in the metric
 * {@code teamcredits_http_shed_total}.
 */
@ApplicationScoped
public class InFlightLimit {

    /** Runs before Quarkus's own handlers (authentication among them). */
    private static final int PRIORITY = 10_000;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int max;
    private final Buffer refusal;
    private final Counter shed;

    public InFlightLimit(HttpLimitsConfig config, ObjectMapper json, MeterRegistry registry) {
        this.max = config.maxInFlight();
        try {
            this.refusal = Buffer.buffer(json.writeValueAsBytes(new Problem("overloaded", "Too busy", 503,
                    "This replica is serving as many requests as it may; nothing of this one was done. "
                            + "Retry after a second.")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.shed = Counter.builder("teamcredits.http.shed")
                .description("API requests refused with 503 because the replica was at teamcredits.http.max-in-flight")
                .register(registry);
    }

    void register(@Observes Filters filters) {
        filters.register(this::admit, PRIORITY);
    }

    private void admit(RoutingContext rc) {
        if (!counted(rc)) {
            rc.next();
            return;
        }
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            shed.increment();
            rc.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                    .putHeader("Retry-After", "1").end(refusal);
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        rc.addEndHandler(v -> {
            if (done.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        });
        rc.next();
    }

    private static boolean counted(RoutingContext rc) {
        String path = rc.normalizedPath();
        String accept = rc.request().getHeader("Accept");
        return !path.startsWith("/q/") && (accept == null || !accept.contains("text/event-stream"));
    }
}
