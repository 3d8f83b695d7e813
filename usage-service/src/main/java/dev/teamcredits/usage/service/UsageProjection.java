package dev.teamcredits.usage.service;

import dev.teamcredits.common.messaging.ConsumedEvents;
import dev.teamcredits.common.outbox.Outbox;
import dev.teamcredits.common.outbox.OutboxSql;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.events.usage.UnusualUsage;
import dev.teamcredits.usage.config.UsageConfig;
import dev.teamcredits.usage.domain.BillingCycle;
import dev.teamcredits.usage.domain.PoolAvailable;
import dev.teamcredits.usage.domain.PoolInflow;
import dev.teamcredits.usage.domain.RebuildFloor;
import dev.teamcredits.usage.domain.SpendUsage;
import dev.teamcredits.usage.domain.UnusualUsageRule;
import dev.teamcredits.usage.repository.UsageProjectionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Builds the usage counters from events, each exactly once: the counters and the record of the
 * event id commit in one transaction. Each step asks the domain what the event means for one part
 * of the projection (members, cycles, pool total, pool available, a member's spend) and stores it.
 */
@ApplicationScoped
public class UsageProjection {

    private static final Uni<Void> NOTHING = Uni.createFrom().voidItem();

    private final Pool pool;
    private final UsageProjectionRepository projection;
    private final Outbox outbox;
    private final UnusualUsageRule unusual;

    public UsageProjection(Pool pool, UsageProjectionRepository projection, Outbox outbox, UsageConfig config) {
        this.pool = pool;
        this.projection = projection;
        this.outbox = outbox;
        this.unusual = new UnusualUsageRule(config.unusual().factor(), config.unusual().trailingDays(),
                config.unusual().minCredits());
    }

    /**
     * Applies the event once. One counted before the latest rebuild (see {@link RebuildService}) adds only to the
     * counters that rebuild recomputes; the rest of what it says (members, cycles, the pool's available credits)
     * it sets again, which changes nothing that a later event set.
     */
    public Uni<Void> apply(String eventId, String topic, DomainEvent event) {
        return pool.withTransaction(c -> ConsumedEvents.markProcessed(c, eventId, topic)
                .chain(fresh -> fresh ? projection.countedBeforeRebuild(c, eventId)
                        .chain(before -> project(c, event, before.orElse(RebuildFloor.NOTHING_KEPT))) : NOTHING));
    }

    /** Events that change none of these (settings, pool access, caps, alerts) change nothing. */
    private Uni<Void> project(SqlClient c, DomainEvent event, RebuildFloor floor) {
        return member(c, event)
                .chain(() -> cycles(c, event))
                .chain(() -> poolInflow(c, event, floor))
                .chain(() -> poolAvailable(c, event))
                .chain(() -> spend(c, event, floor));
    }

    private Uni<Void> member(SqlClient c, DomainEvent event) {
        if (event instanceof MemberJoined e) {
            return projection.saveMember(c, e.orgId(), e.userId(), e.email(), e.displayName(), e.role().name(), true);
        }
        if (event instanceof MemberRemoved e) {
            return projection.updateMember(c, e.orgId(), e.userId(), null, false);
        }
        if (event instanceof RoleChanged e) {
            return projection.updateMember(c, e.orgId(), e.userId(), e.to().name(), null);
        }
        return NOTHING;
    }

    /** The closed cycle first: pool credits read before any cycle was known belong to it. */
    private Uni<Void> cycles(SqlClient c, DomainEvent event) {
        Uni<Void> closed = BillingCycle.closedBy(event).map(cycle -> projection.recordCycle(c, event.orgId(), cycle))
                .orElse(NOTHING);
        return closed.chain(() -> BillingCycle.startedBy(event)
                .map(cycle -> projection.moveCurrentCycle(c, event.orgId(), cycle)
                        .chain(() -> projection.recordCycle(c, event.orgId(), cycle)))
                .orElse(NOTHING));
    }

    /** Into the org's current cycle; when that is a cycle the latest rebuild kept, the credits are in it already. */
    private Uni<Void> poolInflow(SqlClient c, DomainEvent event, RebuildFloor floor) {
        OptionalLong credits = PoolInflow.creditsIn(event);
        if (credits.isEmpty()) {
            return NOTHING;
        }
        Uni<Boolean> counts = floor.keptBefore() == null ? Uni.createFrom().item(true)
                : projection.currentCycleStart(c, event.orgId()).map(start -> start.map(floor::recomputes)
                        .orElse(true));
        return counts.chain(yes -> yes ? projection.addPoolInflow(c, event.orgId(), credits.getAsLong()) : NOTHING);
    }

    private Uni<Void> poolAvailable(SqlClient c, DomainEvent event) {
        return PoolAvailable.reportedBy(event).map(reading -> projection.savePoolAvailable(c, event.orgId(), reading))
                .orElse(NOTHING);
    }

    /** A spend that charged credits may make its day unusual; one that charged none changes no day. */
    private Uni<Void> spend(SqlClient c, DomainEvent event, RebuildFloor floor) {
        return SpendUsage.countedFrom(event).map(spend -> {
            boolean onDay = floor.recomputes(spend.day());
            return projection.addSpend(c, spend, floor.recomputes(spend.cycleStart()), onDay)
                    .chain(() -> onDay && spend.credits() > 0 ? raiseUnusualUsage(c, spend) : NOTHING);
        }).orElse(NOTHING);
    }

    /** The projection gathers the day's and the window's credits; the rule decides. */
    private Uni<Void> raiseUnusualUsage(SqlClient c, SpendUsage spend) {
        return projection.dayAndTrailingCredits(c, spend.orgId(), spend.userId(), unusual.windowStart(spend.day()),
                spend.day())
                .chain(credits -> unusual.alert(spend.orgId(), spend.userId(), spend.day(), credits.day(),
                        credits.trailing(), Instant.now()).map(alert -> publishOnce(c, alert)).orElse(NOTHING));
    }

    /** At most one unusual-usage event per member and day, through the outbox. */
    private Uni<Void> publishOnce(SqlClient c, UnusualUsage alert) {
        return projection.recordAlertOnce(c, alert.orgId(), alert.userId(), alert.day())
                .chain(first -> first ? OutboxSql.insert(c, List.of(outbox.row(Topics.USAGE, alert))) : NOTHING);
    }
}
