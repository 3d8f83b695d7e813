package dev.teamcredits.notification.messaging;

import dev.teamcredits.common.messaging.ConsumedEvents;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.notification.service.EventNotificationService;
import dev.teamcredits.notification.service.EventNotificationService.OrgNotKnownYet;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads ledger.events, team.events and usage.events, in order per org. A record that cannot be read
 * goes to the topic's dead-letter topic and the stream goes on. A ledger or usage event whose org's
 * team events have not been read yet waits for them a little (the topics are read independently),
 * then is applied with what is known. Any other failure is retried until it succeeds.
 */
@ApplicationScoped
public class EventsConsumer {

    private static final Logger LOG = Logger.getLogger(EventsConsumer.class);
    private static final int ORG_WAIT_ATTEMPTS = 40;

    private final EventNotificationService notifications;

    public EventsConsumer(EventNotificationService notifications) {
        this.notifications = notifications;
    }

    @Incoming("ledger-events")
    public Uni<Void> ledger(String payload) {
        return apply(Topics.LEDGER, payload);
    }

    @Incoming("team-events")
    public Uni<Void> team(String payload) {
        return apply(Topics.TEAM, payload);
    }

    @Incoming("usage-events")
    public Uni<Void> usage(String payload) {
        return apply(Topics.USAGE, payload);
    }

    private Uni<Void> apply(String topic, String payload) {
        CloudEvent<DomainEvent> event = EventCodec.decode(payload);
        return ConsumedEvents.untilApplied(event, notifications.apply(topic, event, true)
                .onFailure(OrgNotKnownYet.class).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .atMost(ORG_WAIT_ATTEMPTS)
                .onFailure(OrgNotKnownYet.class).recoverWithUni(() -> {
                    LOG.warnf("Org of %s %s still unknown; telling whom the event itself names", event.type(),
                            event.id());
                    return notifications.apply(topic, event, false);
                }));
    }
}
