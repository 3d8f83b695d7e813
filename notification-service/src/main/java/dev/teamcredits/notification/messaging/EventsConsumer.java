package dev.teamcredits.notification.messaging;

import dev.teamcredits.common.messaging.ParkedEvents;
import dev.teamcredits.common.messaging.ParkedEvents.Ordering;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.Topics;
import dev.teamcredits.notification.service.EventNotificationService;
import dev.teamcredits.notification.service.EventNotificationService.OrgNotKnownYet;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads ledger.events, team.events and usage.events, in order per org, through common's {@link ParkedEvents}: an
 * unreadable record is parked at once, a readable one that keeps failing to apply is parked after its retries, a
 * transient database error is waited out. A ledger or usage event whose org's team events have not been read yet
 * waits for them a little (the topics are read independently), then is applied with what is known. Ordering (see
 * the README): team events set the roster, so later team events of an org wait behind a parked one; ledger and
 * usage events each make their own notifications, so a parked one holds nothing back.
 */
@ApplicationScoped
public class EventsConsumer {

    private static final Logger LOG = Logger.getLogger(EventsConsumer.class);
    private static final int ORG_WAIT_ATTEMPTS = 40;

    private final ParkedEvents parking;
    private final EventNotificationService notifications;

    public EventsConsumer(ParkedEvents parking, EventNotificationService notifications) {
        this.parking = parking;
        this.notifications = notifications;
        parking.register(Topics.LEDGER, Ordering.INDEPENDENT, this::apply);
        parking.register(Topics.TEAM, Ordering.HOLD_KEY, this::apply);
        parking.register(Topics.USAGE, Ordering.INDEPENDENT, this::apply);
    }

    @Incoming("ledger-events")
    public Uni<Void> ledger(ConsumerRecord<String, String> record) {
        return parking.consume(record);
    }

    @Incoming("team-events")
    public Uni<Void> team(ConsumerRecord<String, String> record) {
        return parking.consume(record);
    }

    @Incoming("usage-events")
    public Uni<Void> usage(ConsumerRecord<String, String> record) {
        return parking.consume(record);
    }

    private Uni<Void> apply(String topic, CloudEvent<DomainEvent> event) {
        return notifications.apply(topic, event, true)
                .onFailure(OrgNotKnownYet.class).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .atMost(ORG_WAIT_ATTEMPTS)
                .onFailure(OrgNotKnownYet.class).recoverWithUni(() -> {
                    LOG.warnf("Org of %s %s still unknown; telling whom the event itself names", event.type(),
                            event.id());
                    return notifications.apply(topic, event, false);
                });
    }
}
