package dev.teamcredits.notification.service;

import dev.teamcredits.common.messaging.ConsumedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCatalog;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.events.usage.UnusualUsage;
import dev.teamcredits.notification.messaging.StreamHub;
import dev.teamcredits.notification.messaging.StreamHub.StreamMessage;
import dev.teamcredits.notification.repository.DeliveryRepository;
import dev.teamcredits.notification.repository.MembershipRepository;
import dev.teamcredits.notification.repository.MembershipRepository.Org;
import dev.teamcredits.notification.repository.NotificationRepository;
import dev.teamcredits.notification.repository.PreferenceRepository;
import dev.teamcredits.notification.repository.WebhookRepository;
import dev.teamcredits.notification.rest.dto.NotificationView;
import dev.teamcredits.notification.service.Recipients.Planned;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns each event into notifications, exactly once: the record of the event id, the membership
 * change, the inbox rows, the queued emails and webhook deliveries, and the live-stream messages
 * all commit in one transaction (or none does).
 */
@ApplicationScoped
public class NotificationService {

    /** The events an org's webhooks can subscribe to: those that tell people something. */
    public static final Set<String> WEBHOOK_EVENT_TYPES = Set.of(EventCatalog.typeOf(TransferCompleted.class),
            EventCatalog.typeOf(LowBalance.class), EventCatalog.typeOf(PoolEmpty.class),
            EventCatalog.typeOf(ReservationReleased.class), EventCatalog.typeOf(UnusualUsage.class),
            EventCatalog.typeOf(MemberJoined.class), EventCatalog.typeOf(MemberRemoved.class));

    /** The org of an event is not known here yet (its team events are behind); try again shortly. */
    public static final class OrgNotKnownYet extends RuntimeException {
        OrgNotKnownYet(UUID orgId) {
            super("org " + orgId + " not known yet", null, false, false);
        }
    }

    private final Pool pool;
    private final NotificationRepository notifications;
    private final MembershipRepository membership;
    private final PreferenceRepository preferences;
    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final Recipients recipients;
    private final StreamHub stream;
    private final ObjectMapper json;

    public NotificationService(Pool pool, NotificationRepository notifications, MembershipRepository membership,
            PreferenceRepository preferences, WebhookRepository webhooks, DeliveryRepository deliveries,
            Recipients recipients, StreamHub stream, ObjectMapper json) {
        this.pool = pool;
        this.notifications = notifications;
        this.membership = membership;
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.recipients = recipients;
        this.stream = stream;
        this.json = json;
    }

    /**
     * Applies the event once.
     *
     * @param waitForOrg fail with {@link OrgNotKnownYet} rather than tell too few people when the
     *                   event's org is not known yet; the consumer retries a while, then gives up waiting
     */
    public Uni<Void> apply(String topic, CloudEvent<DomainEvent> event, boolean waitForOrg) {
        return pool.withTransaction(c -> ConsumedEvents.markProcessed(c, event.id(), topic)
                .chain(fresh -> fresh ? handle(c, event, waitForOrg) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> handle(SqlClient c, CloudEvent<DomainEvent> event, boolean waitForOrg) {
        DomainEvent data = event.data();
        JsonNode dataJson = json.valueToTree(data);
        UUID orgId = dataJson.hasNonNull("orgId") ? UUID.fromString(dataJson.get("orgId").asText()) : null;
        return project(c, data)
                .chain(() -> orgId == null ? Uni.createFrom().item(Optional.<Org>empty()) : membership.find(c, orgId))
                .chain(found -> {
                    if (found.isEmpty() && orgId != null && waitForOrg && recipients.needsOrg(data)) {
                        return Uni.createFrom().failure(new OrgNotKnownYet(orgId));
                    }
                    Org org = found.orElse(new Org(orgId, "your team", List.of()));
                    return tell(c, event, org, dataJson)
                            .chain(() -> webhooks(c, event, orgId))
                            .chain(() -> data instanceof LedgerEvent ? balanceStream(c, event, org, dataJson)
                                    : Uni.createFrom().voidItem());
                });
    }

    /** Keeps this service's copy of orgs and members. */
    private Uni<Void> project(SqlClient c, DomainEvent data) {
        if (data instanceof OrgCreated e) {
            return membership.org(c, e.orgId(), e.name());
        }
        if (data instanceof MemberJoined e) {
            return membership.member(c, e.orgId(), e.userId(), e.email(), e.displayName(), e.role().name());
        }
        if (data instanceof MemberRemoved e) {
            return membership.removed(c, e.orgId(), e.userId(), e.email());
        }
        if (data instanceof RoleChanged e) {
            return membership.role(c, e.orgId(), e.userId(), e.to().name());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> tell(SqlClient c, CloudEvent<DomainEvent> event, Org org, JsonNode dataJson) {
        List<Planned> plans = recipients.plan(event.data(), org);
        if (plans.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> users = plans.stream().map(Planned::userId).distinct().toList();
        return preferences.of(c, users).chain(choices -> Multi.createFrom().iterable(plans)
                .onItem().transformToUniAndConcatenate(plan -> notifications.insert(c, UUID.randomUUID(), plan.userId(),
                        org.id(), plan.type().name(), event.id(), plan.title(), plan.body(), dataJson.toString())
                        .chain(stored -> stored == null ? Uni.createFrom().voidItem()
                                : deliver(c, stored, plan, choices)))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> deliver(SqlClient c, NotificationRepository.Stored stored, Planned plan,
            Map<String, Boolean> choices) {
        Uni<Void> email = enabled(choices, plan, Channel.EMAIL) ? notifications.queueEmail(c, stored.id(), plan.userId())
                : Uni.createFrom().voidItem();
        return email.chain(() -> !enabled(choices, plan, Channel.STREAM) ? Uni.createFrom().voidItem()
                : stream.publish(c, new StreamMessage(List.of(plan.userId()), "notification",
                        json.valueToTree(NotificationView.of(stored, json)))));
    }

    private static boolean enabled(Map<String, Boolean> choices, Planned plan, Channel channel) {
        return choices.getOrDefault(PreferenceRepository.key(plan.userId(), plan.type().name(), channel.name()),
                channel.defaultFor(plan.type()));
    }

    /** Queues one delivery per subscribed webhook; its body is the CloudEvent as published. */
    private Uni<Void> webhooks(SqlClient c, CloudEvent<DomainEvent> event, UUID orgId) {
        if (orgId == null || !WEBHOOK_EVENT_TYPES.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        String body = EventCodec.encode(event);
        return webhooks.subscribed(c, orgId, event.type()).chain(hooks -> Multi.createFrom().iterable(hooks)
                .onItem().transformToUniAndConcatenate(hook -> deliveries.queueWebhook(c, hook.id(), event.id(),
                        event.type(), body))
                .collect().last().replaceWithVoid());
    }

    /**
     * Every ledger change goes to the live stream of the users it names, and to all of the org's
     * members when it moves the pool (or concerns the whole org), so pages show balances live.
     */
    private Uni<Void> balanceStream(SqlClient c, CloudEvent<DomainEvent> event, Org org, JsonNode dataJson) {
        Set<String> users = new LinkedHashSet<>();
        boolean[] pool = { false };
        walk(dataJson, users, pool);
        if (users.isEmpty() || pool[0]) {
            users.addAll(org.activeMembers());
        }
        if (users.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ObjectNode message = json.createObjectNode();
        message.put("type", event.type());
        message.put("eventId", event.id());
        message.set("data", dataJson);
        return stream.publish(c, new StreamMessage(new ArrayList<>(users), "ledger", message));
    }

    /** Collects every user id an event names, and whether it touches the pool. */
    private static void walk(JsonNode node, Set<String> users, boolean[] pool) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("userId") && f.getValue().isTextual()) {
                    users.add(f.getValue().asText());
                } else if (f.getKey().equals("kind") && "POOL".equals(f.getValue().asText())
                        || f.getKey().equals("poolAfter") && !f.getValue().isNull()) {
                    pool[0] = true;
                }
                walk(f.getValue(), users, pool);
            });
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, users, pool));
        }
    }
}
