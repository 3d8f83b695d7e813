package dev.teamcredits.usage.messaging;

import dev.teamcredits.usage.service.EventReplay;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;

/** Replays ledger.events and team.events through the consumers of {@link LedgerAndTeamEventsConsumer}. */
@ApplicationScoped
public class KafkaEventReplay implements EventReplay {

    private static final List<String> CHANNELS = List.of(LedgerAndTeamEventsConsumer.LEDGER_CHANNEL,
            LedgerAndTeamEventsConsumer.TEAM_CHANNEL);

    private final KafkaClientService kafka;

    public KafkaEventReplay(KafkaClientService kafka) {
        this.kafka = kafka;
    }

    @Override
    public Uni<Void> replayFromStart(Supplier<Uni<Void>> whilePaused) {
        List<KafkaConsumer<Object, Object>> consumers = CHANNELS.stream()
                .flatMap(channel -> kafka.<Object, Object>getConsumers(channel).stream()).toList();
        return each(consumers, KafkaConsumer::pause)
                .chain(whilePaused::get)
                .chain(() -> each(consumers, consumer -> consumer.getAssignments().chain(partitions ->
                        consumer.runOnPollingThread((Consumer<Object, Object> c) -> c.seekToBeginning(partitions)))))
                .chain(() -> each(consumers, KafkaConsumer::resume));
    }

    /** Runs {@code step} on one consumer after the other. */
    private static Uni<Void> each(List<KafkaConsumer<Object, Object>> consumers,
            Function<KafkaConsumer<Object, Object>, Uni<?>> step) {
        return Multi.createFrom().iterable(consumers).onItem().transformToUniAndConcatenate(step::apply)
                .collect().asList().replaceWithVoid();
    }
}
