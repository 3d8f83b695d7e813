package dev.teamcredits.notification.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.idempotency.SqlIdempotency;
import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.notification.domain.OutboundTarget;
import dev.teamcredits.notification.domain.Page;
import dev.teamcredits.notification.domain.Webhook;
import dev.teamcredits.notification.domain.WebhookDelivery;
import dev.teamcredits.notification.domain.WebhookDeliveryStatus;
import dev.teamcredits.notification.domain.WebhookRegistration;
import dev.teamcredits.notification.repository.DeliveryRepository;
import dev.teamcredits.notification.repository.MembershipRepository;
import dev.teamcredits.notification.repository.WebhookRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Org webhooks and their deliveries: admins of the org only. */
@ApplicationScoped
public class WebhookService {

    /**
     * Registers a webhook.
     *
     * @param eventTypes null or empty for every subscribable type
     * @param secret     null to have one generated
     */
    public record RegisterCommand(String url, List<String> eventTypes, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final MembershipRepository membership;
    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final SqlIdempotency idempotency;
    private final WebhookTargets targets;

    public WebhookService(Pool pool, MembershipRepository membership, WebhookRepository webhooks,
            DeliveryRepository deliveries, SqlIdempotency idempotency, WebhookTargets targets) {
        this.targets = targets;
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

    /**
     * Registers a webhook. With an Idempotency-Key, a retry returns the first one (secret included)
     * and the same key with another request is a 422; without one, every call registers a webhook.
     */
    public Uni<Outcome<Webhook>> register(Caller caller, String key, UUID orgId, RegisterCommand command) {
        List<String> types = WebhookRegistration.eventTypes(command.eventTypes());
        validate(command.url(), types, command.secret());
        return targets.judge(URI.create(command.url())).invoke(WebhookService::requireAllowed)
                .chain(() -> pool.withTransaction(c -> key == null ? insert(c, caller, orgId, command, types).map(Outcome::fresh)
                : idempotency.once(c, caller.subject(), key, List.of("webhook", orgId, command), Webhook.class,
                        () -> insert(c, caller, orgId, command, types))));
    }

    private static void requireAllowed(OutboundTarget.Verdict verdict) {
        switch (verdict) {
            case NOT_HTTPS -> throw new ProblemException("webhook-url-not-allowed", "Webhook URL not allowed", 400,
                    "Webhooks are called over https only.");
            case INTERNAL_ADDRESS -> throw new ProblemException("webhook-url-not-allowed", "Webhook URL not allowed",
                    400, "The URL's host does not resolve, or resolves to an internal address (loopback, link-local, "
                            + "private or shared ranges); webhooks call the public internet only.");
            case ALLOWED -> {
            }
        }
    }

    /** The org's webhooks, newest first, a page at a time; {@code cursor} (of the previous page) continues. */
    public Uni<Page<Webhook>> list(UUID orgId, String cursor, int limit) {
        String scope = "webhooks/" + orgId;
        Long before = Paging.before(scope, cursor);
        return webhooks.ofOrg(pool, orgId, before, limit + 1).map(rows -> Paging.page(rows, limit, scope));
    }

    public Uni<Void> delete(UUID orgId, UUID webhookId) {
        return webhooks.delete(pool, orgId, webhookId).invoke(found -> {
            if (!found) {
                throw NotificationProblems.webhookNotFound();
            }
        }).replaceWithVoid();
    }

    /**
     * A webhook's deliveries, newest first, a page at a time; {@code cursor} (of the previous page, sent with the
     * same filter) continues.
     *
     * @param status PENDING, DELIVERED or DEAD; null for all
     */
    public Uni<Page<WebhookDelivery>> deliveries(UUID orgId, UUID webhookId, String status, String cursor,
            int limit) {
        WebhookDeliveryStatus filter = status == null ? null : status(status);
        String scope = "deliveries/" + webhookId;
        Long before = Paging.before(scope, cursor);
        return webhook(orgId, webhookId).chain(() -> deliveries.deliveries(pool, webhookId, filter, before,
                limit + 1)).map(rows -> Paging.page(rows, limit, scope));
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

    private Uni<Webhook> insert(SqlClient c, Caller caller, UUID orgId, RegisterCommand command, List<String> types) {
        Webhook webhook = new Webhook(UUID.randomUUID(), orgId, command.url(),
                command.secret() != null ? command.secret() : newSecret(), types, caller.subject(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return webhooks.insert(c, webhook).replaceWith(webhook);
    }

    private Uni<Webhook> webhook(UUID orgId, UUID webhookId) {
        return webhooks.find(pool, orgId, webhookId).map(w -> {
            if (w == null) {
                throw NotificationProblems.webhookNotFound();
            }
            return w;
        });
    }

    private static void validate(String url, List<String> types, String secret) {
        if (!WebhookRegistration.isValidUrl(url)) {
            throw new ProblemException("invalid-webhook-url", "Invalid webhook URL", 400,
                    "url must be an absolute http or https URL.");
        }
        if (secret != null && !WebhookRegistration.isValidSecret(secret)) {
            throw new ProblemException("invalid-webhook-secret", "Invalid webhook secret", 400,
                    "secret must be a Standard Webhooks secret: whsec_ and the standard base64 (with padding) of "
                            + WebhookRegistration.MIN_SECRET_BYTES + " to " + WebhookRegistration.MAX_SECRET_BYTES
                            + " random bytes; leave it out to have one generated.");
        }
        for (String type : types) {
            if (!WebhookRegistration.isSubscribable(type)) {
                throw new ProblemException("unknown-event-type", "Unknown event type", 400, "eventTypes may name "
                        + WebhookRegistration.SUBSCRIBABLE_TYPES.stream().sorted().toList() + ".");
            }
        }
    }

    private static WebhookDeliveryStatus status(String name) {
        return Arrays.stream(WebhookDeliveryStatus.values()).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProblemException("invalid-filter", "Invalid filter", 400,
                        "status must be PENDING, DELIVERED or DEAD."));
    }

    private static String newSecret() {
        byte[] bytes = new byte[WebhookRegistration.SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return WebhookRegistration.generatedSecret(bytes);
    }
}
