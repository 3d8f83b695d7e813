package dev.teamcredits.usage.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/** The usage projection's writes: each an upsert that adds, so applying events commutes. */
@ApplicationScoped
public class UsageRepository {


    public Uni<Void> startCycle(SqlClient c, UUID orgId, LocalDate start, LocalDate end) {
        return c.preparedQuery("INSERT INTO org_cycle (org_id, cycle_start, cycle_end) VALUES ($1, $2, $3) "
                + "ON CONFLICT (org_id) DO UPDATE SET cycle_start = excluded.cycle_start, cycle_end = excluded.cycle_end "
                + "WHERE org_cycle.cycle_start < excluded.cycle_start")
                .execute(Tuple.of(orgId, start, end))
                .chain(() -> knownCycle(c, orgId, start, end));
    }

    /**
     * Records a cycle of the org's pool (closed or current) and moves into it the credits that
     * entered the pool before any cycle of the org was known here.
     */
    public Uni<Void> knownCycle(SqlClient c, UUID orgId, LocalDate start, LocalDate end) {
        return c.preparedQuery("INSERT INTO pool_cycle (org_id, cycle_start, cycle_end) VALUES ($1, $2, $3) "
                + "ON CONFLICT DO NOTHING").execute(Tuple.of(orgId, start, end))
                .chain(() -> c.preparedQuery("WITH p AS (DELETE FROM pool_in_pending WHERE org_id = $1 RETURNING amount) "
                        + "UPDATE pool_cycle SET total_in = total_in + p.amount FROM p "
                        + "WHERE pool_cycle.org_id = $1 AND pool_cycle.cycle_start = $2")
                        .execute(Tuple.of(orgId, start)))
                .replaceWithVoid();
    }

    public Uni<Void> member(SqlClient c, UUID orgId, String userId, String email, String name, String role,
            boolean active) {
        return c.preparedQuery("INSERT INTO member_info (org_id, user_id, email, display_name, role, active) "
                + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id, user_id) DO UPDATE SET "
                + "email = coalesce(excluded.email, member_info.email), "
                + "display_name = coalesce(excluded.display_name, member_info.display_name), "
                + "role = excluded.role, active = excluded.active")
                .execute(Tuple.from(Arrays.asList(orgId, userId, email, name, role, active))).replaceWithVoid();
    }

    public Uni<Void> memberUpdate(SqlClient c, UUID orgId, String userId, String role, Boolean active) {
        return c.preparedQuery("UPDATE member_info SET role = coalesce($3, role), active = coalesce($4, active) "
                + "WHERE org_id = $1 AND user_id = $2")
                .execute(Tuple.from(Arrays.asList(orgId, userId, role, active))).replaceWithVoid();
    }

    /** Adds one spend to the member's cycle counters, its action and its day. */
    public Uni<Void> addSpend(SqlClient c, UUID orgId, String userId, LocalDate cycleStart, String action,
            long fromPool, long fromMember, long fromPersonal, LocalDate day) {
        long credits = fromPool + fromMember + fromPersonal;
        return c.preparedQuery("INSERT INTO member_cycle_usage (org_id, user_id, cycle_start, from_pool, from_member, "
                + "from_personal, spends) VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (org_id, user_id, cycle_start) "
                + "DO UPDATE SET from_pool = member_cycle_usage.from_pool + excluded.from_pool, "
                + "from_member = member_cycle_usage.from_member + excluded.from_member, "
                + "from_personal = member_cycle_usage.from_personal + excluded.from_personal, "
                + "spends = member_cycle_usage.spends + 1")
                .execute(Tuple.of(orgId, userId, cycleStart, fromPool, fromMember, fromPersonal))
                .chain(() -> c.preparedQuery("INSERT INTO member_cycle_action (org_id, user_id, cycle_start, action, "
                        + "credits, spends) VALUES ($1, $2, $3, $4, $5, 1) ON CONFLICT (org_id, user_id, cycle_start, action) "
                        + "DO UPDATE SET credits = member_cycle_action.credits + excluded.credits, "
                        + "spends = member_cycle_action.spends + 1")
                        .execute(Tuple.of(orgId, userId, cycleStart, action, credits)))
                .chain(() -> c.preparedQuery("INSERT INTO daily_usage (org_id, user_id, day, credits, spends) "
                        + "VALUES ($1, $2, $3, $4, 1) ON CONFLICT (org_id, user_id, day) DO UPDATE SET "
                        + "credits = daily_usage.credits + excluded.credits, spends = daily_usage.spends + 1")
                        .execute(Tuple.of(orgId, userId, day, credits)))
                .replaceWithVoid();
    }

    /**
     * Credits entering the pool count toward the org's current cycle; while no cycle of the org is
     * known yet (its team event not read yet) they wait in pool_in_pending.
     */
    public Uni<Void> addPoolIn(SqlClient c, UUID orgId, long amount) {
        return c.preparedQuery("UPDATE pool_cycle p SET total_in = p.total_in + $2 FROM org_cycle o "
                + "WHERE o.org_id = $1 AND p.org_id = o.org_id AND p.cycle_start = o.cycle_start")
                .execute(Tuple.of(orgId, amount))
                .chain(r -> r.rowCount() > 0 ? Uni.createFrom().voidItem()
                        : c.preparedQuery("INSERT INTO pool_in_pending (org_id, amount) VALUES ($1, $2) "
                                + "ON CONFLICT (org_id) DO UPDATE SET amount = pool_in_pending.amount + excluded.amount")
                                .execute(Tuple.of(orgId, amount)).replaceWithVoid());
    }

    /** The pool's available credits as of {@code at}; an older event never overwrites a newer one. */
    public Uni<Void> poolAvailable(SqlClient c, UUID orgId, long available, Instant at) {
        return c.preparedQuery("INSERT INTO pool_state (org_id, available, as_of) VALUES ($1, $2, $3) "
                + "ON CONFLICT (org_id) DO UPDATE SET available = excluded.available, as_of = excluded.as_of "
                + "WHERE pool_state.as_of <= excluded.as_of")
                .execute(Tuple.of(orgId, available, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** Credits on {@code day} and the sum over the {@code trailingDays} before it. */
    public Uni<long[]> dayAndTrailing(SqlClient c, UUID orgId, String userId, LocalDate day, int trailingDays) {
        return c.preparedQuery("SELECT coalesce(sum(credits) FILTER (WHERE day = $3), 0), "
                + "coalesce(sum(credits) FILTER (WHERE day < $3), 0) FROM daily_usage "
                + "WHERE org_id = $1 AND user_id = $2 AND day BETWEEN $3::date - $4::int AND $3")
                .execute(Tuple.of(orgId, userId, day, trailingDays))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new long[] { r.getLong(0), r.getLong(1) };
                });
    }

    /** Records an alert for the member's day; false if one was already raised. */
    public Uni<Boolean> alertOnce(SqlClient c, UUID orgId, String userId, LocalDate day) {
        return c.preparedQuery("INSERT INTO unusual_alert (org_id, user_id, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(orgId, userId, day)).map(r -> r.rowCount() == 1);
    }

    /** Drops the projection (not the alerts already raised) for a rebuild. */
    public Uni<Void> truncate(SqlClient c) {
        return c.query("TRUNCATE org_cycle, member_info, member_cycle_usage, member_cycle_action, pool_cycle, "
                + "pool_state, pool_in_pending, daily_usage, processed_event").execute().replaceWithVoid();
    }
}
