package dev.teamcredits.usage.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.common.security.OperatorAccess;
import dev.teamcredits.usage.domain.RebuildFloor;
import dev.teamcredits.usage.repository.UsageProjectionRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import org.jboss.logging.Logger;

/**
 * Rebuilds the projection from the topics, correctly with any number of replicas and without losing what the
 * topics can no longer replay:
 * <ol>
 * <li>the floor ({@link RebuildFloor}): only cycles and days whose events are all still retained are recomputed;</li>
 * <li>in one transaction, the counters from the floor on are deleted and the ids of the events counted so far are
 * moved aside (see {@link UsageProjectionRepository#startRebuild});</li>
 * <li>the replica that got the call replays every partition of both topics with a consumer of its own, outside the
 * group ({@link EventReplay#replayAll}), in the background; meanwhile the group's consumers on every replica keep
 * applying new events. An event counted before adds only to the recomputed counters, an event never counted adds
 * everywhere, and processed_event keeps each to once, whichever consumer reads it first.</li>
 * </ol>
 * Counters are sums and the pool card only moves forward in time, so the replay ends with the same numbers.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    /** A rebuild under way: its id and the floor it recomputes from (null: everything). */
    public record Started(long id, LocalDate keptBefore) {
    }

    private final EventReplay replay;
    private final Pool pool;
    private final UsageProjectionRepository projection;
    private final OperatorAccess operators;

    public RebuildService(EventReplay replay, Pool pool, UsageProjectionRepository projection,
            OperatorAccess operators) {
        this.replay = replay;
        this.pool = pool;
        this.projection = projection;
        this.operators = operators;
    }

    public Uni<Started> rebuild(Caller caller) {
        operators.require(caller, "Rebuilding the projection");
        return Uni.createFrom().item(replay::retainedSince).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(since -> pool.withTransaction(c -> projection.unfinishedRebuilds(c)
                        .map(unfinished -> RebuildFloor.of(since, unfinished))
                        .chain(floor -> projection.startRebuild(c, floor)
                                .map(id -> new Started(id, floor.keptBefore())))))
                .invoke(this::replayInBackground);
    }

    private void replayInBackground(Started started) {
        LOG.infof("Rebuild %d: counters from %s on are recomputed; replaying", started.id(),
                started.keptBefore() == null ? "the beginning" : started.keptBefore());
        Uni.createFrom().item(replay::replayAll).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .call(records -> pool.withTransaction(c -> projection.finishRebuild(c, started.id(), records)))
                .subscribe().with(records -> LOG.infof("Rebuild %d done: %d records replayed", started.id(), records),
                        e -> LOG.errorf(e, "Rebuild %d stopped; run it again (it recomputes what this one had begun)",
                                started.id()));
    }
}
