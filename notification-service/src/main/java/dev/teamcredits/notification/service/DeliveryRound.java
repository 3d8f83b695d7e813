package dev.teamcredits.notification.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One round of a delivery worker (email or webhook): the due rows it claimed are sent side by side,
 * each recording its own outcome; a round that fails as a whole is logged and the next round retries.
 */
final class DeliveryRound {

    private DeliveryRound() {
    }

    static <T> Uni<Void> run(Uni<List<T>> claimed, Function<T, Uni<Void>> send, Logger log, String what) {
        return claimed.chain(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndMerge(send::apply)
                        .collect().last().replaceWithVoid())
                .onFailure().invoke(e -> log.warnf("%s round failed: %s", what, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
