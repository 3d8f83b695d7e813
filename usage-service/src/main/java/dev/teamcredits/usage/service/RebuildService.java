package dev.teamcredits.usage.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.common.security.OperatorAccess;
import dev.teamcredits.usage.repository.UsageRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Rebuilds the projection from the topics: pause both consumers, drop the projection and the
 * processed-event ids (alerts already raised stay, so none is sent twice), seek to the beginning of
 * every partition and resume. Counters are sums and the pool card only moves to newer events, so
 * the replay ends with the same numbers.
 */
@ApplicationScoped
public class RebuildService {

    private static final List<String> CHANNELS = List.of("ledger-events", "team-events");

    private final KafkaClientService kafka;
    private final Pool pool;
    private final UsageRepository usage;
    private final OperatorAccess operators;

    public RebuildService(KafkaClientService kafka, Pool pool, UsageRepository usage, OperatorAccess operators) {
        this.kafka = kafka;
        this.pool = pool;
        this.usage = usage;
        this.operators = operators;
    }

    public Uni<Void> rebuild(Caller caller) {
        operators.require(caller, "Rebuilding the projection");
        List<KafkaConsumer<Object, Object>> consumers = CHANNELS.stream()
                .flatMap(channel -> kafka.<Object, Object>getConsumers(channel).stream()).toList();
        return Multi.createFrom().iterable(consumers).onItem().transformToUniAndConcatenate(KafkaConsumer::pause)
                .collect().asList()
                .chain(() -> pool.withTransaction(usage::truncate))
                .chain(() -> Multi.createFrom().iterable(consumers).onItem().transformToUniAndConcatenate(consumer ->
                        consumer.getAssignments().chain(partitions -> consumer.runOnPollingThread(
                                (org.apache.kafka.clients.consumer.Consumer<Object, Object> c) -> c.seekToBeginning(partitions))))
                        .collect().asList())
                .chain(() -> Multi.createFrom().iterable(consumers).onItem().transformToUniAndConcatenate(KafkaConsumer::resume)
                        .collect().asList())
                .replaceWithVoid();
    }
}
