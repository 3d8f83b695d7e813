package dev.teamcredits.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.events.EventCatalog;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.UnreadableEventException;
import dev.teamcredits.events.ledger.TopUpRequested;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code ledger.events} in a consumer group of its own and settles every top-up request after
 * {@code sandbox.delay}; every other event is none of its business. Requests are settled side by side (a worker
 * pool, unordered), each waiting for its own "payment"; a record is acknowledged, and its offset committed, only
 * once its request is settled, so a sandbox stopped half-way settles the rest after a restart.
 */
@ApplicationScoped
@Startup // made at start, so invalid rule settings stop the sandbox then, not at its first request
public class TopUpRequests {

    static final String TYPE = EventCatalog.typeOf(TopUpRequested.class);
    private static final Logger LOG = Logger.getLogger(TopUpRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Payments payments;
    private final SandboxRules rules;
    private final Duration delay;

    public TopUpRequests(Payments payments, SandboxConfig config) {
        this.payments = payments;
        this.rules = config.rules();
        this.delay = config.delay();
    }

    @Incoming("ledger-events")
    @Blocking(value = "payments", ordered = false)
    public void onRecord(String record) {
        Optional<TopUpRequested> request = topUpRequest(record);
        if (request.isEmpty()) {
            return;
        }
        TopUpRequested r = request.get();
        LOG.infof("Top-up request %s: %d credits for %s, settling in %d ms", r.requestId(), r.amount(),
                r.orgId() != null ? "org " + r.orgId() + " " + r.account().kind() : "user " + r.account().userId(),
                delay.toMillis());
        sleep(delay);
        payments.settle(rules.settle(r));
    }

    /**
     * The top-up request a record of {@code ledger.events} holds, if it holds one. Events of other types, this
     * version's or later ones', are skipped quietly; a record that is a top-up request but cannot be read is logged
     * as an error (nobody else will settle it), as is a record that is not JSON at all.
     */
    static Optional<TopUpRequested> topUpRequest(String record) {
        if (record == null) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(record);
        } catch (Exception e) {
            LOG.errorf("A record on ledger.events is not JSON; if it was a top-up request, it is not settled: %s",
                    abbreviate(record));
            return Optional.empty();
        }
        if (tree == null || !TYPE.equals(tree.path("type").asText())) {
            return Optional.empty();
        }
        try {
            return Optional.of((TopUpRequested) EventCodec.decode(record).data());
        } catch (UnreadableEventException e) {
            LOG.errorf("A top-up request the sandbox cannot read (%s) is not settled: %s", e.getMessage(),
                    abbreviate(record));
            return Optional.empty();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before settling a top-up request", e);
        }
    }
}
