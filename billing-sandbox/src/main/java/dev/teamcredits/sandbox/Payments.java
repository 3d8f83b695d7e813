package dev.teamcredits.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.sandbox.SandboxRules.Decline;
import dev.teamcredits.sandbox.SandboxRules.Purchase;
import dev.teamcredits.sandbox.SandboxRules.Settlement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Sends a settlement to the ledger until it is recorded or refused for good. A ledger that cannot be reached or
 * answers 5xx is asked again with the same Idempotency-Key and body, with backoff, for as long as it takes: the
 * payment was "taken", so giving up would lose it. Every attempt that fails is logged.
 */
@ApplicationScoped
public class Payments {

    private static final Logger LOG = Logger.getLogger(Payments.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerClient ledger;
    private final SandboxConfig.Retry retry;

    public Payments(@RestClient LedgerClient ledger, SandboxConfig config) {
        this.ledger = ledger;
        this.retry = config.retry();
    }

    /** Blocks until the ledger has an answer that is not worth asking again for. */
    public LedgerAnswer settle(Settlement settlement) {
        Duration backoff = retry.initialBackoff();
        for (int attempt = 1;; attempt++) {
            String failure;
            try (Response response = send(settlement)) {
                String body = response.hasEntity() ? response.readEntity(String.class) : "";
                LedgerAnswer answer = LedgerAnswer.of(response.getStatus(), problemType(body));
                if (answer != LedgerAnswer.RETRY) {
                    log(settlement, answer, response.getStatus(), body);
                    return answer;
                }
                failure = "HTTP " + response.getStatus() + " " + abbreviate(body);
            } catch (RuntimeException e) {
                // Connection refused or reset, a timeout, or no token from the identity provider.
                failure = e.toString();
            }
            LOG.warnf("Top-up request %s: attempt %d to %s failed (%s); trying again in %d ms",
                    settlement.requestId(), attempt, what(settlement), failure, backoff.toMillis());
            sleep(backoff);
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : doubled;
        }
    }

    private Response send(Settlement settlement) {
        if (settlement instanceof Purchase p) {
            return ledger.recordPurchase(p.idempotencyKey(), new LedgerClient.PurchaseBody(p.amount(),
                    p.paymentReference(), p.requestId(), p.price(), p.currency()));
        }
        Decline d = (Decline) settlement;
        return ledger.decline(d.requestId(), d.idempotencyKey(), new LedgerClient.DeclineBody(d.reason()));
    }

    private static void log(Settlement settlement, LedgerAnswer answer, int status, String body) {
        switch (answer) {
            case SETTLED -> LOG.infof("Top-up request %s: %s (HTTP %d)", settlement.requestId(),
                    settlement instanceof Purchase p ? "purchase " + p.paymentReference() + " recorded, "
                            + p.amount() + " credits for " + p.price() + " " + p.currency() + " minor units"
                            : "declined", status);
            case SETTLED_ELSEWHERE -> LOG.infof("Top-up request %s: already settled by someone else, not %s",
                    settlement.requestId(), settlement instanceof Purchase ? "completed" : "declined");
            default -> LOG.errorf("Top-up request %s: the ledger refused to %s with HTTP %d %s; the request stays "
                    + "unsettled until it expires", settlement.requestId(), what(settlement), status,
                    abbreviate(body));
        }
    }

    private static String what(Settlement settlement) {
        return settlement instanceof Purchase ? "record the purchase" : "decline it";
    }

    /** The {@code type} of a problem+json body, or null. */
    static String problemType(String body) {
        try {
            JsonNode type = JSON.readTree(body).path("type");
            return type.isTextual() ? type.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Not acknowledged: Kafka delivers the request again after a restart.
            throw new IllegalStateException("interrupted while waiting to settle a top-up request", e);
        }
    }
}
