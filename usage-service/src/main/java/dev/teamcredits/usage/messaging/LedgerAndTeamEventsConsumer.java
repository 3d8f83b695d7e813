package dev.teamcredits.usage.messaging;

import dev.teamcredits.common.messaging.ConsumedEvents;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.usage.service.UsageProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads ledger.events and team.events, in order per org, into the usage projection. A record that
 * cannot be read goes to the topic's dead-letter topic and the stream goes on; a failure to apply a
 * readable one is retried until it succeeds, so nothing is skipped.
 */
@ApplicationScoped
public class LedgerAndTeamEventsConsumer {

    static final String LEDGER_CHANNEL = "ledger-events";
    static final String TEAM_CHANNEL = "team-events";

    private final UsageProjection projection;

    public LedgerAndTeamEventsConsumer(UsageProjection projection) {
        this.projection = projection;
    }

    @Incoming(LEDGER_CHANNEL)
    public Uni<Void> ledger(String payload) {
        return apply(Topics.LEDGER, payload);
    }

    @Incoming(TEAM_CHANNEL)
    public Uni<Void> team(String payload) {
        return apply(Topics.TEAM, payload);
    }

    private Uni<Void> apply(String topic, String payload) {
        CloudEvent<DomainEvent> event = EventCodec.decode(payload);
        return ConsumedEvents.untilApplied(event, projection.apply(event.id(), topic, event.data()));
    }
}
