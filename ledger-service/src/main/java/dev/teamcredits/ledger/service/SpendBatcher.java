package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.rest.dto.SpendResponse;
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
 * Group commit for the hot pool row. Spends for one org queue here; one batch per org runs at a
 * time, and it takes everything that queued while the previous one was committing. An idle org's
 * spend runs at once, alone; under load, one transaction (one lock of the pool, a few multi-row
 * writes) serves many spends. Other replicas batch their own spends; the pool row lock orders
 * the batches.
 */
@ApplicationScoped
public class SpendBatcher {

    private record Pending(SpendService.Command command, UniEmitter<? super Outcome<SpendResponse>> emitter) {
    }

    private static final class OrgQueue {
        final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean();
    }

    private final SpendService spends;
    private final int maxBatch;
    private final ConcurrentHashMap<UUID, OrgQueue> queues = new ConcurrentHashMap<>();

    public SpendBatcher(SpendService spends, LedgerConfig config) {
        this.spends = spends;
        this.maxBatch = config.spends().maxBatch();
    }

    public Uni<Outcome<SpendResponse>> submit(SpendService.Command command) {
        return Uni.createFrom().emitter(emitter -> {
            OrgQueue queue = queues.computeIfAbsent(command.orgId(), id -> new OrgQueue());
            queue.pending.add(new Pending(command, emitter));
            drain(command.orgId(), queue);
        });
    }

    private void drain(UUID orgId, OrgQueue queue) {
        if (!queue.running.compareAndSet(false, true)) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < maxBatch && (next = queue.pending.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            queue.running.set(false);
            if (!queue.pending.isEmpty()) {
                drain(orgId, queue);
            }
            return;
        }
        run(orgId, batch).subscribe().with(v -> {
            queue.running.set(false);
            drain(orgId, queue);
        }, failure -> {
            queue.running.set(false);
            drain(orgId, queue);
        });
    }

    /**
     * Applies a batch and answers each spend. If the batch's transaction fails as a whole (a refusal
     * is an answer, not a failure; deadlocks are retried inside), each spend is applied again on its
     * own, in order, so that one spend the database rejects never fails the others.
     */
    private Uni<Void> run(UUID orgId, List<Pending> batch) {
        return spends.apply(orgId, batch.stream().map(Pending::command).toList()).invoke(results -> {
            for (int i = 0; i < batch.size(); i++) {
                complete(batch.get(i).emitter(), results.get(i));
            }
        }).replaceWithVoid().onFailure().recoverWithUni(failure -> {
            if (batch.size() == 1) {
                batch.get(0).emitter().fail(failure);
                return Uni.createFrom().voidItem();
            }
            return Multi.createFrom().iterable(batch)
                    .onItem().transformToUniAndConcatenate(p -> run(orgId, List.of(p)))
                    .collect().last().replaceWithVoid();
        });
    }

    @SuppressWarnings("unchecked")
    private static void complete(UniEmitter<? super Outcome<SpendResponse>> emitter, Object result) {
        if (result instanceof Throwable error) {
            emitter.fail(error);
        } else {
            emitter.complete((Outcome<SpendResponse>) result);
        }
    }
}
