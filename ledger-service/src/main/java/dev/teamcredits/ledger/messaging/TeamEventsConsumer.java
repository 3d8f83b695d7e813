package dev.teamcredits.ledger.messaging;

import dev.teamcredits.common.messaging.ConsumedEvents;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.UnreadableEventException;
import dev.teamcredits.events.team.TeamEvent;
import dev.teamcredits.ledger.service.TeamEventsProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads team.events in order per org. A record that cannot be read goes to team.events.dlq and
 * the stream goes on; a failure to apply a readable one (say, the database is away) is retried
 * until it succeeds, so no membership change is ever skipped.
 */
@ApplicationScoped
public class TeamEventsConsumer {

    private final TeamEventsProjection projection;

    public TeamEventsConsumer(TeamEventsProjection projection) {
        this.projection = projection;
    }

    @Incoming("team-events")
    public Uni<Void> consume(String payload) {
        CloudEvent<DomainEvent> event = EventCodec.decode(payload);
        if (!(event.data() instanceof TeamEvent teamEvent)) {
            throw new UnreadableEventException("not a team event: " + event.type(), null);
        }
        return ConsumedEvents.untilApplied(event, projection.apply(event.id(), teamEvent));
    }
}
