package dev.teamcredits.ledger.service;

import dev.teamcredits.ledger.config.LedgerConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit behind {@link SpendService#spend}. Each org belongs to one of a few lanes; spends queue
 * in their org's lane, one batch per lane runs at a time, and it takes everything that queued while
 * the previous one was committing, whichever orgs it is for. An idle lane's spend runs at once,
 * alone; under load, one transaction (locks in id order, a few multi-row writes) serves many spends
 * of one hot pool or of many orgs. An org never has two batches at once here, so a hot pool is not
 * fought over by its own replica; other replicas batch their own spends, and the row locks (taken in
 * id order, so never crosswise) order the batches. The lanes are fixed, so nothing here grows with
 * the org ids callers send, and each lane holds at most {@code ledger.spends.max-queued} spends. One
 * org may hold at most {@code max-queued-per-org} of them, so a flooding org cannot fill the lane it
 * shares with others; its count is forgotten as soon as none of its spends wait (the map holds only
 * orgs with queued spends, so it is bounded by the lanes' bounds, whatever ids callers send). A
 * single spend that waited longer than {@code max-wait} before its batch starts is answered 503
 * without being applied, so under overload admitted spends keep a bounded latency.
 */
@ApplicationScoped
class SpendBatcher {

    /** A queued spend; {@code deadline} (nanoTime, 0 for none) is when it stops being worth applying. */
    private record Waiting(SpendService.Pending spend, CompletableFuture<SpendResult> answer, long deadline) {
    }

    private static final class Lane {
        final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
        final AtomicInteger queued = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean();
    }

    private final int maxBatch;
    private final int maxQueued;
    private final int maxQueuedPerOrg;
    private final long maxWaitNanos;
    private final Lane[] lanes;
    private final ConcurrentHashMap<UUID, Integer> queuedPerOrg = new ConcurrentHashMap<>();

    SpendBatcher(LedgerConfig config) {
        this.maxBatch = config.spends().maxBatch();
        this.maxQueued = config.spends().maxQueued();
        this.maxQueuedPerOrg = config.spends().maxQueuedPerOrg();
        this.maxWaitNanos = config.spends().maxWait().toNanos();
        this.lanes = new Lane[config.spends().lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
    }

    /** Queues one spend in its org's lane, when subscribed. */
    Uni<SpendResult> submit(SpendService spends, SpendService.Pending spend) {
        return Uni.createFrom().deferred(() -> enqueue(spends, spend.orgId(), List.of(spend), true).get(0));
    }

    /**
     * Queues spends of one org now, in order: one answer per spend. All are queued before the lane
     * drains, so a bulk request fills batches rather than starting with one spend.
     */
    List<Uni<SpendResult>> enqueue(SpendService spends, UUID orgId, List<SpendService.Pending> pending) {
        // A bulk request's items never time out in the queue: it is answered whole or refused whole.
        return enqueue(spends, orgId, pending, false);
    }

    private List<Uni<SpendResult>> enqueue(SpendService spends, UUID orgId, List<SpendService.Pending> pending,
            boolean mayExpire) {
        Lane lane = lanes[Math.floorMod(orgId.hashCode(), lanes.length)];
        if (!admitForOrg(orgId, pending.size())) {
            throw LedgerProblems.overloaded();
        }
        if (lane.queued.addAndGet(pending.size()) > maxQueued) {
            lane.queued.addAndGet(-pending.size());
            releaseForOrg(orgId, pending.size());
            throw LedgerProblems.overloaded();
        }
        List<Uni<SpendResult>> answers = new ArrayList<>(pending.size());
        long deadline = mayExpire ? Math.max(1, System.nanoTime() + maxWaitNanos) : 0;
        for (SpendService.Pending spend : pending) {
            CompletableFuture<SpendResult> answer = new CompletableFuture<>();
            lane.waiting.add(new Waiting(spend, answer, deadline));
            answers.add(Uni.createFrom().completionStage(answer));
        }
        drain(spends, lane);
        return answers;
    }

    /** Counts {@code count} more queued spends of the org, unless that would pass its bound. */
    private boolean admitForOrg(UUID orgId, int count) {
        boolean[] admitted = {false};
        queuedPerOrg.compute(orgId, (id, queued) -> {
            int now = queued == null ? 0 : queued;
            if (now + count > maxQueuedPerOrg) {
                return queued;
            }
            admitted[0] = true;
            return now + count;
        });
        return admitted[0];
    }

    private void releaseForOrg(UUID orgId, int count) {
        queuedPerOrg.computeIfPresent(orgId, (id, queued) -> queued - count <= 0 ? null : queued - count);
    }

    private void drain(SpendService spends, Lane lane) {
        if (!lane.running.compareAndSet(false, true)) {
            return;
        }
        List<Waiting> batch = new ArrayList<>();
        Waiting next;
        long now = System.nanoTime();
        while (batch.size() < maxBatch && (next = lane.waiting.poll()) != null) {
            lane.queued.decrementAndGet();
            releaseForOrg(next.spend().orgId(), 1);
            if (next.deadline() != 0 && now - next.deadline() > 0) {
                // Waited past ledger.spends.max-wait: its client is better served by a quick 503 than
                // by a late answer, and the queue drains faster. Nothing of it was applied.
                next.answer().completeExceptionally(LedgerProblems.overloaded());
                continue;
            }
            batch.add(next);
        }
        if (batch.isEmpty()) {
            lane.running.set(false);
            // A spend queued between the poll and the reset would otherwise wait for the next one.
            if (!lane.waiting.isEmpty()) {
                drain(spends, lane);
            }
            return;
        }
        run(spends, batch).subscribe().with(v -> {
            lane.running.set(false);
            drain(spends, lane);
        }, failure -> {
            lane.running.set(false);
            drain(spends, lane);
        });
    }

    /**
     * Applies a batch and answers each spend. If the batch's transaction fails as a whole (a refusal is
     * an answer, not a failure; deadlocks are retried inside), each spend is applied again on its own,
     * in order, so that one spend the database rejects never fails the others.
     */
    private Uni<Void> run(SpendService spends, List<Waiting> batch) {
        return spends.apply(batch.stream().map(Waiting::spend).toList()).invoke(results -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(results.get(i));
            }
        }).replaceWithVoid().onFailure().recoverWithUni(failure -> {
            if (batch.size() == 1) {
                batch.get(0).answer().completeExceptionally(failure);
                return Uni.createFrom().voidItem();
            }
            return Multi.createFrom().iterable(batch)
                    .onItem().transformToUniAndConcatenate(w -> run(spends, List.of(w)))
                    .collect().last().replaceWithVoid();
        });
    }
}
