package dev.teamcredits.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.messaging.ConsumedEvents;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.notification.domain.ChannelPreferences;
import dev.teamcredits.notification.domain.DeliveryChannel;
import dev.teamcredits.notification.domain.InboxEntry;
import dev.teamcredits.notification.domain.LedgerChange;
import dev.teamcredits.notification.domain.OrgRoster;
import dev.teamcredits.notification.domain.WebhookRegistration;
import dev.teamcredits.notification.domain.WhoIsTold;
import dev.teamcredits.notification.domain.WhoIsTold.Notice;
import dev.teamcredits.notification.domain.WhoSeesLedgerChanges;
import dev.teamcredits.notification.domain.WhoSeesLedgerChanges.Shown;
import dev.teamcredits.notification.repository.DeliveryRepository;
import dev.teamcredits.notification.repository.InboxRepository;
import dev.teamcredits.notification.repository.MembershipRepository;
import dev.teamcredits.notification.repository.PreferenceRepository;
import dev.teamcredits.notification.repository.WebhookRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns each consumed event into notifications, exactly once: the record of the event id, the
 * membership change, the inbox rows, the queued emails and webhook deliveries, and the live-stream
 * messages all commit in one transaction (or none does). What a person's inbox and stream carry of a
 * ledger event is what they may read of it ({@link WhoSeesLedgerChanges}); webhooks, which only admins
 * register, carry the event as published.
 */
@ApplicationScoped
public class EventNotificationService {

    /** The org of an event is not known here yet (its team events are behind); try again shortly. */
    public static final class OrgNotKnownYet extends RuntimeException {
        OrgNotKnownYet(UUID orgId) {
            super("org " + orgId + " not known yet", null, false, false);
        }
    }

    private final Pool pool;
    private final InboxRepository inbox;
    private final MembershipRepository membership;
    private final PreferenceRepository preferences;
    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final LiveStream stream;
    private final ObjectMapper json;

    public EventNotificationService(Pool pool, InboxRepository inbox, MembershipRepository membership,
            PreferenceRepository preferences, WebhookRepository webhooks, DeliveryRepository deliveries,
            LiveStream stream, ObjectMapper json) {
        this.pool = pool;
        this.inbox = inbox;
        this.membership = membership;
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
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
        UUID orgId = data.orgId();
        String dataJson = json.valueToTree(data).toString();
        // A personal balance's event has no org (it is keyed by its user): no roster, no admins, no webhooks.
        return project(c, data)
                .chain(() -> orgId == null ? Uni.createFrom().item(Optional.<OrgRoster>empty())
                        : membership.find(c, orgId))
                .chain(found -> {
                    if (found.isEmpty() && orgId != null && waitForOrg && WhoIsTold.needsOrg(data)) {
                        return Uni.createFrom().failure(new OrgNotKnownYet(orgId));
                    }
                    OrgRoster org = found.orElse(OrgRoster.unknown(orgId));
                    return tell(c, event, org, dataJson)
                            .chain(() -> webhooks(c, event, orgId))
                            .chain(() -> data instanceof LedgerEvent ledgerEvent
                                    ? showLedgerChange(c, event, ledgerEvent, org)
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

    private Uni<Void> tell(SqlClient c, CloudEvent<DomainEvent> event, OrgRoster org, String dataJson) {
        List<Notice> notices = WhoIsTold.about(event.data(), org);
        if (notices.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> users = notices.stream().map(Notice::userId).distinct().toList();
        return preferences.of(c, users).chain(choices -> Multi.createFrom().iterable(notices)
                .onItem().transformToUniAndConcatenate(notice -> inbox.insert(c, UUID.randomUUID(), notice.userId(),
                        org.id(), notice.type().name(), event.id(), notice.title(), notice.body(),
                        dataFor(event.data(), org, notice.userId(), dataJson))
                        .chain(entry -> entry == null ? Uni.createFrom().voidItem()
                                : deliver(c, entry, notice, choices)))
                .collect().last().replaceWithVoid());
    }

    /** A notification's data: of a ledger event, only what its recipient may read of it (inbox and stream alike). */
    private String dataFor(DomainEvent data, OrgRoster org, String userId, String dataJson) {
        return data instanceof LedgerEvent ledgerEvent
                ? json.valueToTree(WhoSeesLedgerChanges.told(ledgerEvent, org, userId).data()).toString()
                : dataJson;
    }

    /** A new inbox entry also goes out by email and on the stream, as its user's preferences say. */
    private Uni<Void> deliver(SqlClient c, InboxEntry entry, Notice notice, ChannelPreferences choices) {
        Uni<Void> email = choices.isOn(notice.userId(), notice.type(), DeliveryChannel.EMAIL)
                ? deliveries.queueEmail(c, entry.id(), notice.userId())
                : Uni.createFrom().voidItem();
        return email.chain(() -> choices.isOn(notice.userId(), notice.type(), DeliveryChannel.STREAM)
                ? stream.notification(c, entry)
                : Uni.createFrom().voidItem());
    }

    /**
     * Queues one delivery per subscribed webhook of the event's org; its body is the CloudEvent as published. An
     * event about a personal balance belongs to no org, so no org's webhook gets it.
     */
    private Uni<Void> webhooks(SqlClient c, CloudEvent<DomainEvent> event, UUID orgId) {
        if (orgId == null || !WebhookRegistration.isSubscribable(event.type())) {
            return Uni.createFrom().voidItem();
        }
        String body = EventCodec.encode(event);
        return webhooks.subscribed(c, orgId, event.type()).chain(hooks -> Multi.createFrom().iterable(hooks)
                .onItem().transformToUniAndConcatenate(hook -> deliveries.queueWebhook(c, hook.id(), event.id(),
                        event.type(), body))
                .collect().last().replaceWithVoid());
    }

    /** Each person's stream gets their own view of the change: what the ledger would let them read. */
    private Uni<Void> showLedgerChange(SqlClient c, CloudEvent<DomainEvent> event, LedgerEvent data, OrgRoster org) {
        List<Shown> shown = WhoSeesLedgerChanges.of(data, org);
        return shown.isEmpty() ? Uni.createFrom().voidItem() : Multi.createFrom().iterable(shown)
                .onItem().transformToUniAndConcatenate(s -> stream.ledgerChange(c, s.users(), new LedgerChange(
                        s.view().type(), event.id(), json.valueToTree(s.view().data()).toString())))
                .collect().last().replaceWithVoid();
    }
}
