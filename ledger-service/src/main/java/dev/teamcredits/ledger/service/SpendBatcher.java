package dev.teamcredits.ledger.service;

import dev.teamcredits.ledger.config.LedgerConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for the hot pool row, behind {@link SpendService#spend}. Spends for one org queue
 * here; one batch per org runs at a time, and it takes everything that queued while the previous one
 * was committing. An idle org's spend runs at once, alone; under load, one transaction (one lock of
 * the pool, a few multi-row writes) serves many spends. Other replicas batch their own spends; the
 * pool row lock orders the batches.
 */
@ApplicationScoped
class SpendBatcher {

    private record Waiting(SpendService.Pending spend, UniEmitter<? super SpendResult> emitter) {
    }

    private static final class OrgQueue {
        final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean();
    }

    private final int maxBatch;
    private final ConcurrentHashMap<UUID, OrgQueue> queues = new ConcurrentHashMap<>();

    SpendBatcher(LedgerConfig config) {
        this.maxBatch = config.spends().maxBatch();
    }

    Uni<SpendResult> submit(SpendService spends, SpendService.Pending spend) {
        return Uni.createFrom().emitter(emitter -> {
            OrgQueue queue = queues.computeIfAbsent(spend.orgId(), id -> new OrgQueue());
            queue.waiting.add(new Waiting(spend, emitter));
            drain(spends, spend.orgId(), queue);
        });
    }

    private void drain(SpendService spends, UUID orgId, OrgQueue queue) {
        if (!queue.running.compareAndSet(false, true)) {
            return;
        }
        List<Waiting> batch = new ArrayList<>();
        Waiting next;
        while (batch.size() < maxBatch && (next = queue.waiting.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            queue.running.set(false);
            if (!queue.waiting.isEmpty()) {
                drain(spends, orgId, queue);
            }
            return;
        }
        run(spends, orgId, batch).subscribe().with(v -> {
            queue.running.set(false);
            drain(spends, orgId, queue);
        }, failure -> {
            queue.running.set(false);
            drain(spends, orgId, queue);
        });
    }

    /**
     * Applies a batch and answers each spend. If the batch's transaction fails as a whole (a refusal is
     * an answer, not a failure; deadlocks are retried inside), each spend is applied again on its own,
     * in order, so that one spend the database rejects never fails the others.
     */
    private Uni<Void> run(SpendService spends, UUID orgId, List<Waiting> batch) {
        return spends.apply(orgId, batch.stream().map(Waiting::spend).toList()).invoke(results -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).emitter().complete(results.get(i));
            }
        }).replaceWithVoid().onFailure().recoverWithUni(failure -> {
            if (batch.size() == 1) {
                batch.get(0).emitter().fail(failure);
                return Uni.createFrom().voidItem();
            }
            return Multi.createFrom().iterable(batch)
                    .onItem().transformToUniAndConcatenate(w -> run(spends, orgId, List.of(w)))
                    .collect().last().replaceWithVoid();
        });
    }
}
