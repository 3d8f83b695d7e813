package dev.teamcredits.usage.service;

import dev.teamcredits.common.messaging.ConsumedEvents;
import dev.teamcredits.common.outbox.Outbox;
import dev.teamcredits.common.outbox.OutboxSql;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsRolledOver;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.ReservationCaptured;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.events.usage.UnusualUsage;
import dev.teamcredits.usage.config.UsageConfig;
import dev.teamcredits.usage.repository.UsageRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Builds the usage counters from events, each exactly once: the counters and the record of the
 * event id commit in one transaction. Reservations count when captured (the ledger's credits.spent
 * of the capture), never when made; releases and expiries count nothing.
 */
@ApplicationScoped
public class UsageProjection {

    private final Pool pool;
    private final UsageRepository usage;
    private final Outbox outbox;
    private final UsageConfig config;

    public UsageProjection(Pool pool, UsageRepository usage, Outbox outbox, UsageConfig config) {
        this.pool = pool;
        this.usage = usage;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<Void> apply(String eventId, String topic, DomainEvent event) {
        return pool.withTransaction(c -> ConsumedEvents.markProcessed(c, eventId, topic)
                .chain(fresh -> fresh ? handle(c, event) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> handle(SqlClient c, DomainEvent event) {
        if (event instanceof OrgCreated e) {
            return usage.startCycle(c, e.orgId(), e.cycleAnchor(), e.cycleAnchor().plusMonths(1));
        }
        if (event instanceof MemberJoined e) {
            return usage.member(c, e.orgId(), e.userId(), e.email(), e.displayName(), e.role().name(), true);
        }
        if (event instanceof MemberRemoved e) {
            return usage.memberUpdate(c, e.orgId(), e.userId(), null, false);
        }
        if (event instanceof RoleChanged e) {
            return usage.memberUpdate(c, e.orgId(), e.userId(), e.to().name(), null);
        }
        if (event instanceof CreditsSpent e) {
            return spent(c, e);
        }
        if (event instanceof CycleClosed e) {
            // The closed cycle first: pool credits read before any cycle was known belong to it.
            return usage.knownCycle(c, e.orgId(), e.closedCycleStart(), e.nextCycleStart())
                    .chain(() -> usage.startCycle(c, e.orgId(), e.nextCycleStart(), e.nextCycleEnd()));
        }
        if (event instanceof CreditsGranted e && isPool(e.account())) {
            return usage.addPoolIn(c, e.orgId(), e.amount()).chain(() -> pool(c, e.orgId(), e.after(), e.at()));
        }
        if (event instanceof CreditsRolledOver e && isPool(e.account())) {
            return usage.addPoolIn(c, e.orgId(), e.amount());
        }
        if (event instanceof CreditsExpired e && isPool(e.account())) {
            return pool(c, e.orgId(), e.after(), e.at());
        }
        if (event instanceof TransferCompleted e) {
            Uni<Void> in = isPool(e.to()) ? usage.addPoolIn(c, e.orgId(), e.amount()) : Uni.createFrom().voidItem();
            BalanceView poolAfter = isPool(e.to()) ? e.toAfter() : isPool(e.from()) ? e.fromAfter() : null;
            return in.chain(() -> pool(c, e.orgId(), poolAfter, e.at()));
        }
        if (event instanceof ReservationCreated e) {
            return pool(c, e.orgId(), e.poolAfter(), e.at());
        }
        if (event instanceof ReservationCaptured e) {
            return pool(c, e.orgId(), e.poolAfter(), e.at());
        }
        if (event instanceof ReservationReleased e) {
            return pool(c, e.orgId(), e.poolAfter(), e.at());
        }
        // Other events (settings, pool access, caps, alerts) do not change usage.
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> spent(SqlClient c, CreditsSpent e) {
        long fromPool = 0;
        long fromMember = 0;
        long fromPersonal = 0;
        for (SourceAmount s : e.sources()) {
            switch (s.account().kind()) {
                case POOL -> fromPool += s.amount();
                case MEMBER -> fromMember += s.amount();
                case PERSONAL -> fromPersonal += s.amount();
            }
        }
        LocalDate day = LocalDate.ofInstant(e.at(), ZoneOffset.UTC);
        return usage.addSpend(c, e.orgId(), e.userId(), e.cycleStart(), e.action(), fromPool, fromMember, fromPersonal,
                day)
                .chain(() -> pool(c, e.orgId(), e.poolAfter(), e.at()))
                .chain(() -> e.amount() > 0 ? checkUnusual(c, e.orgId(), e.userId(), day) : Uni.createFrom().voidItem());
    }

    /** Raises at most one unusual-usage event per member and day (see {@link UsageConfig.Unusual}). */
    private Uni<Void> checkUnusual(SqlClient c, UUID orgId, String userId, LocalDate day) {
        UsageConfig.Unusual rule = config.unusual();
        return usage.dayAndTrailing(c, orgId, userId, day, rule.trailingDays()).chain(numbers -> {
            double average = (double) numbers[1] / rule.trailingDays();
            if (numbers[0] < rule.minCredits() || average == 0 || numbers[0] <= rule.factor() * average) {
                return Uni.createFrom().voidItem();
            }
            return usage.alertOnce(c, orgId, userId, day).chain(first -> !first ? Uni.createFrom().voidItem()
                    : OutboxSql.insert(c, List.of(outbox.row(Topics.USAGE, new UnusualUsage(orgId, userId, day,
                            numbers[0], average, rule.trailingDays(), rule.factor(), Instant.now())))));
        });
    }

    private Uni<Void> pool(SqlClient c, UUID orgId, BalanceView after, Instant at) {
        return after == null ? Uni.createFrom().voidItem() : usage.poolAvailable(c, orgId, after.available(), at);
    }

    private static boolean isPool(AccountRef ref) {
        return ref.kind() == AccountRef.Kind.POOL;
    }
}
