package dev.teamcredits.usage.repository;

import dev.teamcredits.usage.domain.BillingCycle;
import dev.teamcredits.usage.domain.PoolAvailable;
import dev.teamcredits.usage.domain.SpendUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
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
        return c.preparedQuery("INSERT INTO pool_cycle (org_id, cycle_start, cycle_end) VALUES ($1, $2, $3) "
                + "ON CONFLICT DO NOTHING").execute(Tuple.of(orgId, cycle.start(), cycle.end()))
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

    /** Adds one spend to the member's cycle counters, its action and its day. */
    public Uni<Void> addSpend(SqlClient c, SpendUsage spend) {
        return c.preparedQuery("INSERT INTO member_cycle_usage (org_id, user_id, cycle_start, from_pool, "
                + "from_member, from_personal, spends) VALUES ($1, $2, $3, $4, $5, $6, 1) "
                + "ON CONFLICT (org_id, user_id, cycle_start) "
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
                .chain(() -> c.preparedQuery("INSERT INTO daily_usage (org_id, user_id, day, credits, spends) "
                        + "VALUES ($1, $2, $3, $4, 1) ON CONFLICT (org_id, user_id, day) DO UPDATE SET "
                        + "credits = daily_usage.credits + excluded.credits, spends = daily_usage.spends + 1")
                        .execute(Tuple.of(spend.orgId(), spend.userId(), spend.day(), spend.credits())))
                .replaceWithVoid();
    }

    /**
     * Credits entering the pool count toward the org's current cycle; while no cycle of the org is
     * known yet (its team event not read yet) they wait in pool_in_pending.
     */
    public Uni<Void> addPoolInflow(SqlClient c, UUID orgId, long amount) {
        return c.preparedQuery("UPDATE pool_cycle p SET total_in = p.total_in + $2 FROM org_cycle o "
                + "WHERE o.org_id = $1 AND p.org_id = o.org_id AND p.cycle_start = o.cycle_start")
                .execute(Tuple.of(orgId, amount))
                .chain(r -> r.rowCount() > 0 ? Uni.createFrom().voidItem()
                        : c.preparedQuery("INSERT INTO pool_in_pending (org_id, amount) VALUES ($1, $2) "
                                + "ON CONFLICT (org_id) DO UPDATE SET "
                                + "amount = pool_in_pending.amount + excluded.amount")
                                .execute(Tuple.of(orgId, amount)).replaceWithVoid());
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

    /** Drops the projection and the processed-event ids (not the alerts already raised) for a rebuild. */
    public Uni<Void> dropProjection(SqlClient c) {
        return c.query("TRUNCATE org_cycle, member_info, member_cycle_usage, member_cycle_action, pool_cycle, "
                + "pool_state, pool_in_pending, daily_usage, processed_event").execute().replaceWithVoid();
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
