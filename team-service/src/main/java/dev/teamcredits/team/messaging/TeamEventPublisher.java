package dev.teamcredits.team.messaging;

import dev.teamcredits.common.outbox.Outbox;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.team.TeamEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Records team events in the outbox of the current transaction; the relay publishes them on team.events. */
@ApplicationScoped
public class TeamEventPublisher {

    private final Outbox outbox;

    public TeamEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> publish(TeamEvent event) {
        return outbox.append(Topics.TEAM, event).replaceWithVoid();
    }
}
