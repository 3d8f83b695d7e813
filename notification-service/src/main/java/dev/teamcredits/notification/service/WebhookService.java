package dev.teamcredits.notification.service;

import dev.teamcredits.common.idempotency.Idempotency;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.notification.repository.DeliveryRepository;
import dev.teamcredits.notification.repository.DeliveryRepository.WebhookDelivery;
import dev.teamcredits.notification.repository.MembershipRepository;
import dev.teamcredits.notification.repository.WebhookRepository;
import dev.teamcredits.notification.repository.WebhookRepository.Webhook;
import dev.teamcredits.notification.rest.dto.WebhookRequest;
import dev.teamcredits.notification.rest.dto.WebhookView;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Org webhooks and their deliveries: admins of the org only. */
@ApplicationScoped
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final MembershipRepository membership;
    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final Idempotency idempotency;

    public WebhookService(Pool pool, MembershipRepository membership, WebhookRepository webhooks,
            DeliveryRepository deliveries, Idempotency idempotency) {
        this.pool = pool;
        this.membership = membership;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.idempotency = idempotency;
    }

    /** Checks the caller is an admin of the org: 404 for outsiders (the org is not revealed), 403 for members. */
    public Uni<Void> requireAdmin(Caller caller, UUID orgId) {
        return membership.activeRole(pool, orgId, caller.subject()).invoke(role -> {
            if (role.isEmpty()) {
                throw OrgProblems.orgNotFound();
            }
            if (!"ADMIN".equals(role.get())) {
                throw OrgProblems.adminRequired();
            }
        }).replaceWithVoid();
    }

    /** Registers a webhook; a retry with the same Idempotency-Key returns the first one (secret included). */
    @WithTransaction
    public Uni<Outcome<WebhookView>> register(Caller caller, String key, UUID orgId, WebhookRequest request) {
        List<String> types = request.eventTypes() == null || request.eventTypes().isEmpty()
                ? NotificationService.WEBHOOK_EVENT_TYPES.stream().sorted().toList()
                : request.eventTypes().stream().distinct().toList();
        validate(request.url(), types);
        return idempotency.once(caller.subject(), key, List.of("webhook", orgId, request), WebhookView.class, () -> {
            Webhook webhook = new Webhook(UUID.randomUUID(), orgId, request.url(),
                    request.secret() != null ? request.secret() : newSecret(), types, caller.subject(),
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            return webhooks.insert(webhook).replaceWith(WebhookView.of(webhook, true));
        });
    }

    public Uni<List<WebhookView>> list(UUID orgId) {
        return webhooks.ofOrg(pool, orgId).map(list -> list.stream().map(w -> WebhookView.of(w, false)).toList());
    }

    public Uni<Void> delete(UUID orgId, UUID webhookId) {
        return webhooks.delete(pool, orgId, webhookId).invoke(found -> {
            if (!found) {
                throw NotificationProblems.webhookNotFound();
            }
        }).replaceWithVoid();
    }

    public Uni<List<WebhookDelivery>> deliveries(UUID orgId, UUID webhookId, String status, int limit) {
        if (status != null && !List.of("PENDING", "DELIVERED", "DEAD").contains(status)) {
            throw new ProblemException("invalid-filter", "Invalid filter", 400,
                    "status must be PENDING, DELIVERED or DEAD.");
        }
        return webhook(orgId, webhookId).chain(() -> deliveries.deliveries(pool, webhookId, status, limit));
    }

    /** Sends a dead delivery again, with the same id and body; 409 unless it is dead. */
    public Uni<WebhookDelivery> redrive(UUID orgId, UUID webhookId, UUID deliveryId) {
        return webhook(orgId, webhookId).chain(() -> deliveries.redrive(pool, webhookId, deliveryId))
                .chain(redriven -> redriven != null ? Uni.createFrom().item(redriven)
                        : deliveries.delivery(pool, webhookId, deliveryId).map(current -> {
                            if (current == null) {
                                throw NotificationProblems.deliveryNotFound();
                            }
                            throw new ProblemException("delivery-not-dead", "Delivery is not dead", 409,
                                    "Only a dead-lettered delivery can be re-driven; this one is " + current.status()
                                            + ".");
                        }));
    }

    private Uni<Webhook> webhook(UUID orgId, UUID webhookId) {
        return webhooks.find(pool, orgId, webhookId).map(w -> {
            if (w == null) {
                throw NotificationProblems.webhookNotFound();
            }
            return w;
        });
    }

    private static void validate(String url, List<String> types) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new ProblemException("invalid-webhook-url", "Invalid webhook URL", 400,
                    "url must be an absolute http or https URL.");
        }
        for (String type : types) {
            if (!NotificationService.WEBHOOK_EVENT_TYPES.contains(type)) {
                throw new ProblemException("unknown-event-type", "Unknown event type", 400, "eventTypes may name "
                        + NotificationService.WEBHOOK_EVENT_TYPES.stream().sorted().toList() + ".");
            }
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
