package dev.teamcredits.ledger.messaging;

import dev.teamcredits.common.messaging.ParkedEvents;
import dev.teamcredits.common.messaging.ParkedEvents.Ordering;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.UnreadableEventException;
import dev.teamcredits.events.team.TeamEvent;
import dev.teamcredits.ledger.service.TeamEventsProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads team.events in order per org, through common's {@link ParkedEvents}: an unreadable record is parked at
 * once, a readable one that keeps failing to apply is parked after its retries, a transient database error is
 * waited out. Membership changes move money (a departure sweeps the member's balance to the pool, a join opens a
 * personal balance), so their order per org is kept: while an event of an org is parked, every later event of that
 * org is parked behind it, and a re-drive applies them in order (see the README).
 */
@ApplicationScoped
public class TeamEventsConsumer {

    private final ParkedEvents parking;

    public TeamEventsConsumer(ParkedEvents parking, TeamEventsProjection projection) {
        this.parking = parking;
        parking.register(Topics.TEAM, Ordering.HOLD_KEY, (topic, event) -> {
            if (!(event.data() instanceof TeamEvent teamEvent)) {
                return Uni.createFrom().failure(new UnreadableEventException("not a team event: " + event.type(),
                        null));
            }
            return projection.apply(event.id(), teamEvent);
        });
    }

    @Incoming("team-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return parking.consume(record);
    }
}
