package dev.teamcredits.usage.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.common.security.OperatorAccess;
import dev.teamcredits.usage.repository.UsageProjectionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds the projection from the topics: drop the projection and the processed-event ids (alerts
 * already raised stay, so none is sent twice) while the consumers are paused, then replay both topics
 * from the beginning. Counters are sums and the pool card only moves to newer events, so the replay
 * ends with the same numbers.
 */
@ApplicationScoped
public class RebuildService {

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

    public Uni<Void> rebuild(Caller caller) {
        operators.require(caller, "Rebuilding the projection");
        return replay.replayFromStart(() -> pool.withTransaction(projection::dropProjection));
    }
}
