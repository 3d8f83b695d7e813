package dev.teamcredits.notification.rest.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.notification.domain.ChannelPreferences.TypeChannels;
import dev.teamcredits.notification.domain.InboxEntry;
import dev.teamcredits.notification.domain.InboxPage;
import dev.teamcredits.notification.domain.LedgerChange;
import dev.teamcredits.notification.domain.Page;
import dev.teamcredits.notification.domain.Webhook;
import dev.teamcredits.notification.domain.WebhookDelivery;
import dev.teamcredits.notification.rest.dto.LedgerChangeView;
import dev.teamcredits.notification.rest.dto.NotificationPage;
import dev.teamcredits.notification.rest.dto.NotificationView;
import dev.teamcredits.notification.rest.dto.Preference;
import dev.teamcredits.notification.rest.dto.Preferences;
import dev.teamcredits.notification.rest.dto.WebhookDeliveryPage;
import dev.teamcredits.notification.rest.dto.WebhookDeliveryView;
import dev.teamcredits.notification.rest.dto.WebhookPage;
import dev.teamcredits.notification.rest.dto.WebhookRequest;
import dev.teamcredits.notification.rest.dto.WebhookView;
import dev.teamcredits.notification.service.PreferenceService;
import dev.teamcredits.notification.service.WebhookService.RegisterCommand;
import java.util.List;

/**
 * Between the API's DTOs and the use cases' commands and results: the JSON shapes live only here and
 * in {@code dto}. Stored event data (JSON text) becomes JSON again here.
 */
public final class NotificationMapping {

    private NotificationMapping() {
    }

    public static NotificationPage dto(InboxPage page, ObjectMapper json) {
        return new NotificationPage(page.items().stream().map(e -> dto(e, json)).toList(), page.nextCursor());
    }

    /** An inbox entry, in the inbox list and on the live stream alike. */
    public static NotificationView dto(InboxEntry e, ObjectMapper json) {
        return new NotificationView(e.id(), e.orgId(), e.type(), e.title(), e.body(), tree(e.data(), json),
                e.readAt() != null, e.createdAt(), e.eventId());
    }

    public static LedgerChangeView dto(LedgerChange change, ObjectMapper json) {
        return new LedgerChangeView(change.type(), change.eventId(), tree(change.data(), json));
    }

    public static Preferences dto(List<TypeChannels> channels) {
        return new Preferences(channels.stream()
                .map(c -> new Preference(c.type().name(), c.inbox(), c.email(), c.stream())).toList());
    }

    public static List<PreferenceService.Change> changes(Preferences request) {
        return request.preferences().stream()
                .map(p -> new PreferenceService.Change(p.type(), p.inbox(), p.email(), p.stream())).toList();
    }

    public static RegisterCommand command(WebhookRequest r) {
        return new RegisterCommand(r.url(), r.eventTypes(), r.secret());
    }

    /** @param withSecret only in the response that registered it */
    public static WebhookView dto(Webhook w, boolean withSecret) {
        return new WebhookView(w.id(), w.orgId(), w.url(), w.eventTypes(), w.createdBy(), w.createdAt(),
                withSecret ? w.secret() : null);
    }

    public static WebhookPage webhooks(Page<Webhook> page) {
        return new WebhookPage(page.items().stream().map(w -> dto(w, false)).toList(), page.nextCursor());
    }

    public static WebhookDeliveryPage deliveries(Page<WebhookDelivery> page) {
        return new WebhookDeliveryPage(page.items().stream().map(NotificationMapping::dto).toList(),
                page.nextCursor());
    }

    public static WebhookDeliveryView dto(WebhookDelivery d) {
        return new WebhookDeliveryView(d.id(), d.webhookId(), d.eventId(), d.eventType(), d.status().name(),
                d.attempts(), d.lastStatus(), d.lastError(), d.createdAt(), d.nextAttemptAt(), d.deliveredAt());
    }

    private static JsonNode tree(String stored, ObjectMapper json) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event data is not JSON", e);
        }
    }
}
