package dev.teamcredits.notification.service;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.notification.config.NotificationConfig;
import dev.teamcredits.notification.domain.OutboundTarget;
import dev.teamcredits.notification.domain.RetryBackoff;
import dev.teamcredits.notification.domain.WebhookSignature;
import dev.teamcredits.notification.repository.DeliveryRepository;
import dev.teamcredits.notification.repository.DeliveryRepository.DueWebhook;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Calls org webhooks with queued deliveries, apart from the event stream, so a slow or failing
 * receiver delays only its own deliveries. A failed call is retried with exponential backoff; after
 * the last attempt the delivery is DEAD, listed for admins, who can re-drive it. Every attempt of a
 * delivery carries the same id and body, freshly signed.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final int BATCH = 20;
    private static final int MAX_ERROR = 500;

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final NotificationConfig.Webhook config;
    private final HttpClient http;
    private final WebhookTargets targets;

    public WebhookSender(Pool pool, DeliveryRepository deliveries, NotificationConfig config, WebhookTargets targets) {
        this.targets = targets;
        this.pool = pool;
        this.deliveries = deliveries;
        this.config = config.webhook();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(every = "${notification.webhook.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sendDue() {
        // The lease outlasts one attempt, so a replica that dies mid-call leaves the delivery to a retry.
        Duration lease = config.timeout().plusSeconds(30);
        return DeliveryRound.run(pool.withTransaction(c -> deliveries.claimWebhooks(c, BATCH, lease)), this::call, LOG,
                "Webhook");
    }

    private Uni<Void> call(DueWebhook d) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(d.url())).timeout(config.timeout())
                    .header("Content-Type", CloudEvent.CONTENT_TYPE)
                    .header("User-Agent", "TeamCredits-Webhooks/1")
                    .header(WebhookSignature.ID_HEADER, d.id().toString())
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER,
                            WebhookSignature.sign(d.secret(), d.id().toString(), timestamp, d.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body())).build();
        } catch (IllegalArgumentException e) {
            return failed(d, null, "invalid URL: " + e.getMessage());
        }
        // Judged again at every attempt: the name may resolve elsewhere than when it was registered.
        return targets.judge(request.uri()).chain(verdict -> verdict != OutboundTarget.Verdict.ALLOWED
                ? failed(d, null, "refused: " + verdict + " (webhooks call public https addresses only)")
                : send(d, request));
    }

    private Uni<Void> send(DueWebhook d, HttpRequest request) {
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .chain(response -> response.statusCode() / 100 == 2
                        ? deliveries.webhookDelivered(pool, d.id(), response.statusCode())
                        : failed(d, response.statusCode(), truncate("HTTP " + response.statusCode() + " "
                                + response.body())))
                .onFailure().recoverWithUni(e -> failed(d, null, truncate(e.getClass().getSimpleName() + ": "
                        + e.getMessage())));
    }

    private Uni<Void> failed(DueWebhook d, Integer status, String error) {
        Duration retry = RetryBackoff.after(d.attempts(), config.maxAttempts(), config.initialBackoff(),
                config.maxBackoff());
        LOG.infof("Webhook delivery %s failed (attempt %d): %s%s", d.id(), d.attempts() + 1, error,
                retry == null ? "; dead-lettered" : "");
        return deliveries.webhookFailed(pool, d.id(), status, error, retry);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
