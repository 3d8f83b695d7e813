package dev.teamcredits.usage.repository;

import dev.teamcredits.usage.domain.BillingCycle;
import dev.teamcredits.usage.domain.PoolAvailable;
import dev.teamcredits.usage.domain.RebuildFloor;
import dev.teamcredits.usage.domain.SpendUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The usage projection's writes, each on the caller's transaction. Counters are upserts that add,
 * so applying events commutes; the org's current cycle and the pool's available credits are
 * replaced only as {@link BillingCycle} and {@link PoolAvailable} allow.
 */
@ApplicationScoped
public class UsageProjectionRepository {

    /** The member's day credits and their sum over the days before it, from {@code windowStart}. */
    public record DayAndTrailingCredits(long day, long trailing) {
    }

    /** Makes {@code cycle} the org's current cycle unless {@link BillingCycle#replaces} says the stored one stays. */
    public Uni<Void> moveCurrentCycle(SqlClient c, UUID orgId, BillingCycle cycle) {
        return insertOrReplace(c, "SELECT cycle_start, cycle_end FROM org_cycle WHERE org_id = $1 FOR UPDATE",
                "INSERT INTO org_cycle (org_id, cycle_start, cycle_end) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                "UPDATE org_cycle SET cycle_start = $2, cycle_end = $3 WHERE org_id = $1",
                Tuple.of(orgId, cycle.start(), cycle.end()),
                stored -> cycle.replaces(new BillingCycle(stored.getLocalDate(0), stored.getLocalDate(1))));
    }

    /**
     * Records a cycle of the org's pool (closed or current) and moves into it the credits that
     * entered the pool before any cycle of the org was known here.
     */
    public Uni<Void> recordCycle(SqlClient c, UUID orgId, BillingCycle cycle) {
        return lockPoolInflow(c, orgId).chain(() -> c.preparedQuery("INSERT INTO pool_cycle (org_id, cycle_start, "
                + "cycle_end) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(orgId, cycle.start(), cycle.end())))
                .chain(() -> c.preparedQuery("WITH p AS (DELETE FROM pool_in_pending WHERE org_id = $1 "
                        + "RETURNING amount) UPDATE pool_cycle SET total_in = total_in + p.amount FROM p "
                        + "WHERE pool_cycle.org_id = $1 AND pool_cycle.cycle_start = $2")
                        .execute(Tuple.of(orgId, cycle.start())))
                .replaceWithVoid();
    }

    public Uni<Void> saveMember(SqlClient c, UUID orgId, String userId, String email, String name, String role,
            boolean active) {
        return c.preparedQuery("INSERT INTO member_info (org_id, user_id, email, display_name, role, active) "
                + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id, user_id) DO UPDATE SET "
                + "email = coalesce(excluded.email, member_info.email), "
                + "display_name = coalesce(excluded.display_name, member_info.display_name), "
                + "role = excluded.role, active = excluded.active")
                .execute(Tuple.from(Arrays.asList(orgId, userId, email, name, role, active))).replaceWithVoid();
    }

    /** Changes the member's role or activity; a null leaves it as it is. */
    public Uni<Void> updateMember(SqlClient c, UUID orgId, String userId, String role, Boolean active) {
        return c.preparedQuery("UPDATE member_info SET role = coalesce($3, role), active = coalesce($4, active) "
                + "WHERE org_id = $1 AND user_id = $2")
                .execute(Tuple.from(Arrays.asList(orgId, userId, role, active))).replaceWithVoid();
    }

    /**
     * Adds one spend to the member's cycle counters and its action ({@code inCycle}) and to its day ({@code onDay});
     * after a rebuild, an event counted before it adds only to what the rebuild recomputes.
     */
    public Uni<Void> addSpend(SqlClient c, SpendUsage spend, boolean inCycle, boolean onDay) {
        Uni<Void> cycle = !inCycle ? Uni.createFrom().voidItem() : c.preparedQuery("INSERT INTO member_cycle_usage "
                + "(org_id, user_id, cycle_start, from_pool, from_member, from_personal, spends) "
                + "VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (org_id, user_id, cycle_start) "
                + "DO UPDATE SET from_pool = member_cycle_usage.from_pool + excluded.from_pool, "
                + "from_member = member_cycle_usage.from_member + excluded.from_member, "
                + "from_personal = member_cycle_usage.from_personal + excluded.from_personal, "
                + "spends = member_cycle_usage.spends + 1")
                .execute(Tuple.of(spend.orgId(), spend.userId(), spend.cycleStart(), spend.fromPool(),
                        spend.fromMember(), spend.fromPersonal()))
                .chain(() -> c.preparedQuery("INSERT INTO member_cycle_action (org_id, user_id, cycle_start, "
                        + "action, credits, spends) VALUES ($1, $2, $3, $4, $5, 1) "
                        + "ON CONFLICT (org_id, user_id, cycle_start, action) DO UPDATE SET "
                        + "credits = member_cycle_action.credits + excluded.credits, "
                        + "spends = member_cycle_action.spends + 1")
                        .execute(Tuple.of(spend.orgId(), spend.userId(), spend.cycleStart(), spend.action(),
                                spend.credits())))
                .replaceWithVoid();
        return cycle.chain(() -> !onDay ? Uni.createFrom().voidItem() : c.preparedQuery("INSERT INTO daily_usage "
                + "(org_id, user_id, day, credits, spends) VALUES ($1, $2, $3, $4, 1) "
                + "ON CONFLICT (org_id, user_id, day) DO UPDATE SET "
                + "credits = daily_usage.credits + excluded.credits, spends = daily_usage.spends + 1")
                .execute(Tuple.of(spend.orgId(), spend.userId(), spend.day(), spend.credits())).replaceWithVoid());
    }

    /** The start of the org's current cycle here, if one is known. */
    public Uni<Optional<LocalDate>> currentCycleStart(SqlClient c, UUID orgId) {
        return c.preparedQuery("SELECT cycle_start FROM org_cycle WHERE org_id = $1").execute(Tuple.of(orgId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getLocalDate(0)));
    }

    /**
     * Credits entering the pool count toward the org's current cycle; while no cycle of the org is
     * known yet (its team event not read yet) they wait in pool_in_pending.
     */
    public Uni<Void> addPoolInflow(SqlClient c, UUID orgId, long amount) {
        return lockPoolInflow(c, orgId).chain(() -> c.preparedQuery("UPDATE pool_cycle p SET total_in = p.total_in "
                + "+ $2 FROM org_cycle o WHERE o.org_id = $1 AND p.org_id = o.org_id AND p.cycle_start = o.cycle_start")
                .execute(Tuple.of(orgId, amount)))
                .chain(r -> r.rowCount() > 0 ? Uni.createFrom().voidItem()
                        : c.preparedQuery("INSERT INTO pool_in_pending (org_id, amount) VALUES ($1, $2) "
                                + "ON CONFLICT (org_id) DO UPDATE SET "
                                + "amount = pool_in_pending.amount + excluded.amount")
                                .execute(Tuple.of(orgId, amount)).replaceWithVoid());
    }

    /**
     * Serializes, per org, credits entering the pool with the recording of its cycles (until commit): the ledger's
     * and the team's events are applied by two consumers at once, and without it credits parked in pool_in_pending
     * by one could commit just after the other looked for them, stranded there for good.
     */
    private static Uni<Void> lockPoolInflow(SqlClient c, UUID orgId) {
        return c.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('usage-pool-in:' || $1, 0))")
                .execute(Tuple.of(orgId.toString())).replaceWithVoid();
    }

    /** Stores the pool's available credits unless {@link PoolAvailable#replaces} says the stored reading stays. */
    public Uni<Void> savePoolAvailable(SqlClient c, UUID orgId, PoolAvailable reading) {
        return insertOrReplace(c, "SELECT available, as_of FROM pool_state WHERE org_id = $1 FOR UPDATE",
                "INSERT INTO pool_state (org_id, available, as_of) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                "UPDATE pool_state SET available = $2, as_of = $3 WHERE org_id = $1",
                Tuple.of(orgId, reading.credits(), reading.asOf().atOffset(ZoneOffset.UTC)),
                stored -> reading.replaces(new PoolAvailable(stored.getLong(0),
                        stored.getOffsetDateTime(1).toInstant())));
    }

    /** The member's credits on {@code day} and over the days from {@code windowStart} to the day before it. */
    public Uni<DayAndTrailingCredits> dayAndTrailingCredits(SqlClient c, UUID orgId, String userId,
            LocalDate windowStart, LocalDate day) {
        return c.preparedQuery("SELECT coalesce(sum(credits) FILTER (WHERE day = $4), 0), "
                + "coalesce(sum(credits) FILTER (WHERE day < $4), 0) FROM daily_usage "
                + "WHERE org_id = $1 AND user_id = $2 AND day BETWEEN $3 AND $4")
                .execute(Tuple.of(orgId, userId, windowStart, day))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new DayAndTrailingCredits(r.getLong(0), r.getLong(1));
                });
    }

    /** Records an alert for the member's day; false if one was already raised (at most one a day). */
    public Uni<Boolean> recordAlertOnce(SqlClient c, UUID orgId, String userId, LocalDate day) {
        return c.preparedQuery("INSERT INTO unusual_alert (org_id, user_id, day) VALUES ($1, $2, $3) "
                + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(orgId, userId, day)).map(r -> r.rowCount() == 1);
    }

    /**
     * Whether the event was counted before the latest rebuild (and so counts again only where that rebuild
     * recomputes); empty if it was not. Takes it off the list: from now on processed_event dedupes it.
     */
    public Uni<Optional<RebuildFloor>> countedBeforeRebuild(SqlClient c, String eventId) {
        return c.preparedQuery("WITH d AS (DELETE FROM rebuild_prior_event WHERE event_id = $1 RETURNING event_id) "
                + "SELECT (SELECT kept_before FROM usage_rebuild ORDER BY id DESC LIMIT 1) FROM d")
                .execute(Tuple.of(eventId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(new RebuildFloor(rows.iterator().next().getLocalDate(0))));
    }

    /** The floors of rebuilds that started and never finished (their replay stopped with its replica). */
    public Uni<List<RebuildFloor>> unfinishedRebuilds(SqlClient c) {
        return c.query("SELECT kept_before FROM usage_rebuild WHERE finished_at IS NULL").execute().map(rows -> {
            List<RebuildFloor> floors = new ArrayList<>();
            rows.forEach(r -> floors.add(new RebuildFloor(r.getLocalDate(0))));
            return floors;
        });
    }

    /**
     * Starts a rebuild: records it, moves the ids of the events counted so far aside (the replay counts them again
     * only where this rebuild recomputes) and deletes the counters it recomputes: cycles starting and days on or
     * after the floor. Earlier cycles and days stay; so do members, the pool's available credits and the alerts
     * raised, which the replay only sets again. Each org's current cycle goes back to its latest kept cycle (or is
     * forgotten, if none is kept), so that the replay files pool credits under the cycles they entered in. The lock
     * makes every concurrent application of an event either commit before (its id moved aside with its counters)
     * or after (recorded anew).
     */
    public Uni<Long> startRebuild(SqlClient c, RebuildFloor floor) {
        LocalDate kept = floor.keptBefore();
        String cycles = kept == null ? "" : " WHERE cycle_start >= $1";
        Tuple keptTuple = kept == null ? Tuple.tuple() : Tuple.of(kept);
        return c.query("LOCK TABLE processed_event IN ACCESS EXCLUSIVE MODE").execute()
                .chain(() -> c.query("INSERT INTO rebuild_prior_event (event_id) SELECT event_id FROM processed_event "
                        + "ON CONFLICT DO NOTHING").execute())
                .chain(() -> c.query("TRUNCATE processed_event").execute())
                .chain(() -> c.preparedQuery("DELETE FROM member_cycle_usage" + cycles).execute(keptTuple))
                .chain(() -> c.preparedQuery("DELETE FROM member_cycle_action" + cycles).execute(keptTuple))
                .chain(() -> c.preparedQuery("DELETE FROM pool_cycle" + cycles).execute(keptTuple))
                .chain(() -> c.preparedQuery("DELETE FROM daily_usage" + (kept == null ? "" : " WHERE day >= $1"))
                        .execute(keptTuple))
                .chain(() -> c.query("DELETE FROM pool_in_pending").execute())
                .chain(() -> c.query("DELETE FROM org_cycle o WHERE NOT EXISTS "
                        + "(SELECT 1 FROM pool_cycle p WHERE p.org_id = o.org_id)").execute())
                .chain(() -> c.query("UPDATE org_cycle o SET cycle_start = p.cycle_start, cycle_end = p.cycle_end "
                        + "FROM (SELECT DISTINCT ON (org_id) org_id, cycle_start, cycle_end FROM pool_cycle "
                        + "ORDER BY org_id, cycle_start DESC) p WHERE p.org_id = o.org_id").execute())
                .chain(() -> c.preparedQuery("INSERT INTO usage_rebuild (kept_before) VALUES ($1) RETURNING id")
                        .execute(Tuple.from(Arrays.asList(kept))))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Marks the rebuild's replay done, with the number of records it read, and any earlier one that never finished:
     * this one recomputed from its floor too.
     */
    public Uni<Void> finishRebuild(SqlClient c, long id, long records) {
        return c.preparedQuery("UPDATE usage_rebuild SET finished_at = now(), records = $2 WHERE id = $1")
                .execute(Tuple.of(id, records))
                .chain(() -> c.preparedQuery("UPDATE usage_rebuild SET finished_at = now() "
                        + "WHERE id < $1 AND finished_at IS NULL").execute(Tuple.of(id)))
                .replaceWithVoid();
    }

    /**
     * The org's one row of {@code select}'s table: inserted when there is none, else locked and
     * updated when {@code replaces} says so. An insert that loses to another transaction's (two
     * topics are read at once) decides again against the row that won.
     */
    private Uni<Void> insertOrReplace(SqlClient c, String select, String insert, String update, Tuple row,
            Predicate<Row> replaces) {
        return c.preparedQuery(select).execute(Tuple.of(row.getValue(0))).chain(stored -> {
            if (stored.size() == 0) {
                return c.preparedQuery(insert).execute(row).chain(inserted -> inserted.rowCount() == 1
                        ? Uni.createFrom().voidItem() : insertOrReplace(c, select, insert, update, row, replaces));
            }
            return replaces.test(stored.iterator().next()) ? c.preparedQuery(update).execute(row).replaceWithVoid()
                    : Uni.createFrom().voidItem();
        });
    }
}
