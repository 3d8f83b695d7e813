package dev.teamcredits.usage.messaging;

import dev.teamcredits.common.messaging.ParkedEvents;
import dev.teamcredits.common.messaging.ParkedEvents.Ordering;
import dev.teamcredits.events.Topics;
import dev.teamcredits.usage.service.UsageProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads ledger.events and team.events, in order per org, into the usage projection, through common's
 * {@link ParkedEvents}: an unreadable record is parked at once, one that keeps failing to apply after its retries,
 * and the partition goes on; a transient database error is waited out. Ordering (see the README): ledger events
 * are counted independently (sums commute, the pool card and the cycle only move forward), so a parked one holds
 * nothing back; a team event sets a member's state, so later team events of the same org wait behind a parked one.
 */
@ApplicationScoped
public class LedgerAndTeamEventsConsumer {

    static final String LEDGER_CHANNEL = "ledger-events";
    static final String TEAM_CHANNEL = "team-events";

    private final ParkedEvents parking;

    public LedgerAndTeamEventsConsumer(ParkedEvents parking, UsageProjection projection) {
        this.parking = parking;
        parking.register(Topics.LEDGER, Ordering.INDEPENDENT, (topic, event) -> projection.apply(event.id(), topic,
                event.data()));
        parking.register(Topics.TEAM, Ordering.HOLD_KEY, (topic, event) -> projection.apply(event.id(), topic,
                event.data()));
    }

    @Incoming(LEDGER_CHANNEL)
    public Uni<Void> ledger(ConsumerRecord<String, String> record) {
        return parking.consume(record);
    }

    @Incoming(TEAM_CHANNEL)
    public Uni<Void> team(ConsumerRecord<String, String> record) {
        return parking.consume(record);
    }
}
